"""Sentence bounds shared by the extractors."""
from kg.extract.text import sentences

WRAPPED = ("THE HAGUE, Sept 24 European police made more than 1,000 arrests in a\n"
           "sweep against organised crime this month that netted suspected people\n"
           "traffickers and cocaine smugglers, law enforcement officials said on\n"
           "Wednesday. Police identified 200 victims of human trafficking and saved\n"
           "30 Romanian minors from trafficking.\n")


def _texts(text: str) -> list[str]:
    return [" ".join(text[s.start:s.end].split()) for s in sentences(text)]


def test_hard_wrapped_prose_is_read_across_its_line_breaks():
    assert _texts(WRAPPED)[-1] == ("Police identified 200 victims of human trafficking and saved "
                                   "30 Romanian minors from trafficking.")


def test_a_line_break_ends_a_heading_where_the_text_is_not_wrapped():
    text = "Police in Spain and Portugal dismantle a network of traffickers\n30 arrested in raids.\n"
    assert _texts(text) == ["Police in Spain and Portugal dismantle a network of traffickers",
                            "30 arrested in raids."]
