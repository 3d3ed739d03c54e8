"""Why-questions ("Vì sao …", "Nguyên nhân … là gì?") and the sentences that give a cause
("do mưa lớn", "nguyên nhân là …"; not "do xã tổ chức": an agent) (pure)."""

from __future__ import annotations

import re

from retrieval.normalize import CAPITALS, fold, nfc
from retrieval.question.typed import phrases_typed


# "Vì sao …", "Nguyên nhân … là gì?", "… đánh nhau vì chuyện gì?", typed with accents or without ("Ai đỗ
# đầu" is no "do đâu")
_CAUSE_ASKED = ("vì sao", "tại sao", "nguyên nhân", "lý do", "lí do", "do đâu", "vì đâu")
_WHY = tuple(tuple(w.split()) for w in (*_CAUSE_ASKED, "vì chuyện gì", "vì việc gì", "vì điều gì", "do chuyện gì", "vì cớ gì"))
# A sentence giving a cause: "nguyên nhân là …", "do mưa lớn", "do thiếu vốn đầu tư", "do người dân
# chưa nắm rõ" (not "do đó", "do vậy": therefore; nor "tự do", "do dự" but "do dự án treo"; nor an
# agent, one of these words then, in the clause, what agents do: "do xã tổ chức", "do ông A phụ
# trách", "do ông bà để lại"; nor a capitalised name: "do Viện … khảo sát"; but a sentence opening
# "Do …," gives one: "Do Ủy ban nhân dân xã chậm bàn giao mặt bằng, …"), "vì …"
# (not "vì vậy"), "bởi …" (not "bởi vậy"), "khiến", "dẫn đến", "làm cho", "nên mới"; "Cho rằng …" opening
# a sentence (a motive), "lý do là", "Lý do, …"
_AGENTS = ("xã(?! hội)", "huyện", "tỉnh", "thành phố", "phường", "quận", "sở", "bộ(?! phận| máy)", "ban",
           "hội(?! chứng)", "công ty", "đơn vị", "nhà trường", "đoàn", "lực lượng", "cơ quan", "chính quyền",
           "ủy ban", "nhóm", "gia đình", "các", "tổ(?! chức)", "người dân", "ông", "bà", "anh", "chị", "bác", "cô",
           "chú", "em")
# what agents do ("kiểm tra", "xử lý" only ending the clause: "do cơ quan kiểm tra lỏng lẻo" is a cause)
_AGENT_VERBS = ("tổ chức", "chủ trì", "thực hiện", "phụ trách", "ban hành", "bình chọn", "đầu tư", "quản lý",
                "điều hành", "trao", "tài trợ", "khảo sát", "thi công", "phát động", "cấp", "dẫn đầu", "làm trưởng",
                "chủ trương", "đề xuất", "xây dựng", "biên soạn", "đảm nhận", "đảm nhiệm", "sáng lập", "cử", "ký",
                "tiếp nhận", "đóng góp", "làm chủ", "để lại", "sở hữu", "chăm sóc",
                "kiểm tra(?=[,.;]|$| xử lý)", "xử lý(?=[,.;]|$)")
_AGENTS_ALT, _AGENT_VERBS_ALT = "|".join(_AGENTS), "|".join(_AGENT_VERBS)
# an agent and what it does in the same clause ("do xã tổ chức"; not "do các giếng khoan bị khô, xã đã đầu tư")
_AGENT_RE = rf"(?i:(?:{_AGENTS_ALT})\b[^.,;:]{{0,40}}?\b(?:{_AGENT_VERBS_ALT})\b)"
# ... or named with an apposition at a sentence's start ("Do ông A, Chủ tịch xã, ký.")
_AGENT_NAMED_RE = rf"(?i:(?:{_AGENTS_ALT})\b[^,.;]{{0,40}},\s*[^,.;]{{0,60}},\s*(?:{_AGENT_VERBS_ALT})\b)"
_THEREFORE = r"(?:đó|vậy|thế|đây|đấy)\b"  # "do đó", "Do vậy,": therefore
# what a slogan is for, ending its clause or before "phục vụ" ("vì nhân dân phục vụ", "chiến đấu vì Tổ
# quốc."; not "vì dân chưa đồng ý", "vì môi trường nước bị ô nhiễm", a cause)
_FOR_WHOM = (r"(?:nhân dân|dân|người nghèo|cộng đồng|an ninh|hòa bình|hoà bình|sự nghiệp|tương lai|môi trường|lợi ích"
             r"|Tổ quốc)(?=\s*(?:[,.;:!?)\"”]|$|phục vụ|quên mình))")
# an effect said of its cause ("mưa lớn khiến …", "… dẫn đến …"): a cause, though the event may be its subject
_EFFECT = r"(?i:\bkhiến\b|\bdẫn (?:đến|tới)\b|\blàm cho\b)"
_EFFECT_RE = re.compile(_EFFECT)
_GIVES_CAUSE_RE = re.compile(
    r"(?i:\bnguyên nhân (?:chính |chủ yếu |ban đầu )?(?:là|do|được xác định)\b)"
    # "Do Ủy ban nhân dân xã chậm bàn giao mặt bằng, dự án bị đình trệ." (not "Do ông A, Chủ tịch xã, ký.")
    rf"|^\W*Do (?!{_THEREFORE})(?!{_AGENT_NAMED_RE})[^,.;]{{3,80}},"
    rf"|(?<![Tt]ự )(?<![Cc]ho )\b[Dd]o (?!{_THEREFORE}|(?:ai|dự(?! (?:án|báo|kiến|toán)))\b)(?!{_AGENT_RE})(?!{_AGENT_NAMED_RE})"
    r"(?![" + re.escape(CAPITALS) + r"])[^\W\d_]"
    # "vì": not "vì vậy", nor a name or a slogan's ("Quỹ Vì người nghèo", "vì nhân dân phục vụ"); "Vì"
    # opening a sentence or a quotation ('Ông A nói: "Vì mưa lớn …')
    rf"|(?:\bvì|(?:^|[:\"“(])\W*Vì) (?!(?:vậy|thế|sao)\b|{_FOR_WHOM})\w"
    r"|(?i:\bbởi (?!(?:vậy|thế|lẽ đó)\b)|\bnên mới\b)|" + _EFFECT +
    # a motive or a reason said so: "Cho rằng điện lực chậm di dời nên …" opening a sentence, "Lý do, xã …"
    r"|^\W*Cho rằng\b|(?i:\bl[ýí] do(?: là|\s*[,:]))")


# the words a why-question asks with, folded ("vi", "sao", "nguyen", "nhan" …): a cause written with
# "vì" shares no more with the question for them
WHY_WORDS = frozenset(fold(w) for phrase in _CAUSE_ASKED for w in phrase.split())  # (not "cô" for "vì cớ gì")


def asks_why(question: str) -> bool:
    """Whether a question (what a message asks, `Asked.text`) asks why."""
    return any(phrases_typed(question, _WHY))


def gives_cause(sentence: str) -> bool:
    """Whether a sentence (written with its accents) gives a cause."""
    return bool(_GIVES_CAUSE_RE.search(nfc(sentence)))


# A reason or a purpose given without the words of a cause: "X nên Y" (not "không nên", "bạn nên",
# "người dân nên": should; nor "trở nên", "làm nên"), "nhằm", "nhờ" (not "nhờ anh …": asking a
# favour), "giúp" (not "giúp đỡ"), "làm tăng", "vì vậy", "do đó", "xuất phát từ"; "nguyên nhân
# … đang được điều tra" (the cause not known yet)
_NOT_BEFORE_NEN = ("không", "chưa", "bạn", "cũng", "cần", "vẫn", "trở", "làm", "tạo", "dựng", "dân", "ta", "người",
                   "xã", "em", "chị", "anh")
_EXPLAINS_RE = re.compile("".join(rf"(?<!{w} )" for w in _NOT_BEFORE_NEN) + r"\bnên\b|\bnhằm\b"
                          r"|\bnhờ\b(?! (?:anh|chị|ông|bà|em|bạn|người)\b)|\bgiúp\b(?! đỡ)|\blàm tăng\b"
                          r"|\b(?:vì|bởi) (?:vậy|thế)\b|\bdo đó\b|\bxuất phát từ\b"
                          r"|\bnguyên nhân\b.{0,60}\b(?:đang|chưa|sẽ) (?:được )?(?:[^\s.,;]+ ){0,4}?(?:điều tra|làm rõ|xác minh)"
                          r"|\bđiều tra (?:làm rõ )?nguyên nhân\b", re.I)


# the event itself as what has an effect ("Vụ cháy khiến 15 ki-ốt bị thiêu rụi"), after a time maybe
# (not "Trận lũ quét khiến …", "Cơn mưa lớn khiến …", "Sự cố vỡ đường ống khiến …": a cause)
_EVENT_FIRST_RE = re.compile(r"^\W*(?:[^,]{0,25},\s*)?(?:vụ|sự việc|đám cháy|tai nạn)\b", re.I)


_STATES_THE_CAUSE_RE = re.compile(r"\bnguyên nhân\b[^.;]{0,40}?\b(?:là|do)\b", re.I)


def states_the_cause(sentence: str) -> bool:
    """Whether a sentence says what the cause is ("Nguyên nhân được chúng tôi xác định là do …")."""
    return bool(_STATES_THE_CAUSE_RE.search(nfc(sentence)))


def names_cause(sentence: str) -> bool:
    """Whether a sentence gives a cause that may open an answer to why: "do mưa lớn", "vì …",
    "nguyên nhân là …", "Họ đặt quá nhiều cục nóng …, dẫn đến bung mối hàn"; not the event's
    own effect ("Vụ cháy khiến 15 ki-ốt bị thiêu rụi")."""
    text = nfc(sentence)
    if _GIVES_CAUSE_RE.search(_EFFECT_RE.sub(" ", text)):
        return True
    effect = _EFFECT_RE.search(text)
    return effect is not None and not _EVENT_FIRST_RE.search(text[:effect.start()])


def explains(sentence: str) -> bool:
    """Whether a sentence (written with its accents) gives a cause (`gives_cause`), or a reason or
    a purpose ("… chồng bà mệt, nôn ói nên nghỉ làm", "… nhằm cảnh báo cộng đồng")."""
    return gives_cause(sentence) or bool(_EXPLAINS_RE.search(nfc(sentence)))
