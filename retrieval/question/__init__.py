"""Reading what a cadre's message asks: its sentence that asks (`message`), and what that
asks for: a figure (`figures`), who holds an office (`offices`), a cause (`causes`), how
things are now (`present`), its words matched as typed (`typed`); `asked.Asked` holds it
all, read once per question (pure)."""
