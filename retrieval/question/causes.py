"""Why-questions ("Vì sao …", "Nguyên nhân … là gì?") and the sentences that give a cause
("do mưa lớn", "nguyên nhân là …"; not "do xã tổ chức": an agent) (pure)."""

from __future__ import annotations

import re

from retrieval.normalize import nfc
from retrieval.question.typed import phrases_typed


# "Vì sao …", "Nguyên nhân … là gì?", "… đánh nhau vì chuyện gì?", typed with accents or without ("Ai đỗ
# đầu" is no "do đâu")
_WHY = tuple(tuple(w.split()) for w in ("vì sao", "tại sao", "nguyên nhân", "lý do", "lí do", "do đâu", "vì đâu",
                                         "vì chuyện gì", "vì việc gì", "vì điều gì", "do chuyện gì", "vì cớ gì"))
# A sentence giving a cause: "nguyên nhân là …", "do mưa lớn", "do thiếu vốn đầu tư", "do người dân
# chưa nắm rõ" (not "do đó", "do vậy": therefore; nor "tự do", "do dự" but "do dự án treo"; nor an
# agent, one of these words then, in the clause, what agents do: "do xã tổ chức", "do ông A phụ
# trách", "do ông bà để lại"; nor a capitalised name: "do Viện … khảo sát"; but a sentence opening
# "Do …," gives one: "Do Ủy ban nhân dân xã chậm bàn giao mặt bằng, …"), "vì …"
# (not "vì vậy"), "bởi …" (not "bởi vậy"), "khiến", "dẫn đến", "làm cho", "nên mới"
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
_UPPER = "".join(sorted({c for c in map(chr, range(0x41, 0x1EFA)) if c.isupper()}))  # capitals, Vietnamese ones too (Đ, Ấ, Ủ)
_THEREFORE = r"(?:đó|vậy|thế|đây|đấy)\b"  # "do đó", "Do vậy,": therefore
_GIVES_CAUSE_RE = re.compile(
    r"(?i:\bnguyên nhân (?:chính |chủ yếu |ban đầu )?(?:là|do|được xác định)\b)"
    # "Do Ủy ban nhân dân xã chậm bàn giao mặt bằng, dự án bị đình trệ." (not "Do ông A, Chủ tịch xã, ký.")
    rf"|^\W*Do (?!{_THEREFORE})(?!{_AGENT_NAMED_RE})[^,.;]{{3,80}},"
    rf"|(?<![Tt]ự )(?<![Cc]ho )\b[Dd]o (?!{_THEREFORE}|(?:ai|dự(?! (?:án|báo|kiến|toán)))\b)(?!{_AGENT_RE})(?!{_AGENT_NAMED_RE})"
    r"(?![" + re.escape(_UPPER) + r"])[^\W\d_]"
    r"|(?i:\bvì (?!(?:vậy|thế|sao)\b)\w|\bbởi (?!(?:vậy|thế|lẽ đó)\b)|\bkhiến\b|\bdẫn (?:đến|tới)\b"
    r"|\blàm cho\b|\bnên mới\b)")


def asks_why(question: str) -> bool:
    """Whether a question (what a message asks, `Asked.text`) asks why."""
    return any(phrases_typed(question, _WHY))


def gives_cause(sentence: str) -> bool:
    """Whether a sentence (written with its accents) gives a cause."""
    return bool(_GIVES_CAUSE_RE.search(nfc(sentence)))


# A reason or a purpose given without the words of a cause: "X nên Y" (not "không nên", "bạn nên":
# should), "nhằm", "nhờ", "giúp", "làm tăng"
_EXPLAINS_RE = re.compile(r"(?<!không )(?<!chưa )(?<!bạn )(?<!cũng )(?<!cần )(?<!vẫn )\bnên\b|\bnhằm\b|\bnhờ\b"
                          r"|\bgiúp\b|\blàm tăng\b", re.I)


def explains(sentence: str) -> bool:
    """Whether a sentence (written with its accents) gives a cause (`gives_cause`), or a reason or
    a purpose ("… chồng bà mệt, nôn ói nên nghỉ làm", "… nhằm cảnh báo cộng đồng")."""
    return gives_cause(sentence) or bool(_EXPLAINS_RE.search(nfc(sentence)))
