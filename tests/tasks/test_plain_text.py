"""Text as a page gives it (tasks/plain_text.py): characters, hard-wrapped lines, language."""

from hypothesis import given, strategies as st

from depeche.tasks.plain_text import detect_language, normalize_text, unwrap_lines


def test_characters_are_normalised_and_invisible_ones_dropped():
    text = "Cafe\u0301\u00a0 noir\r\nzero\u200bwidth\u2028  end\x07"
    assert normalize_text(text) == "Café noir\nzerowidth\nend"


@given(st.text(alphabet=st.sampled_from("ab \n\r\t\u00a0\u200b\u2028\x07é\u0301"), max_size=60))
def test_normalising_twice_changes_nothing(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


def test_hard_wrapped_paragraphs_are_joined_and_deliberate_breaks_kept():
    words = ("Le ministre des Affaires étrangères a rencontré son homologue à Rome pour évoquer "
             "la situation au Proche-Orient et les relations bilatérales entre les deux pays. ") * 4
    lines, line = [], ""
    for word in words.split():
        if len(line) + 1 + len(word) > 72:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    wrapped = lines + ["", "Titre court", "Une ligne voulue."]
    joined = unwrap_lines(wrapped)
    assert joined[0] == (0, " ".join(lines))
    assert [text for _, text in joined[1:]] == ["Titre court", "Une ligne voulue."]


def wrapped(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + [line]


def test_a_page_wrapped_with_many_short_lines_between_its_paragraphs_is_unwrapped():
    sentence = "Westmoor Dairies has told its direct suppliers that the standard litre price will fall again. "
    paragraphs = [wrapped(sentence * 2, 76) for _ in range(4)]
    short = [["Alice Thornbury / 12 November 2025 07:00", "Updated 13 November 2025 09:12 for the print edition"],
             ["- Cumulative reduction since October: 2.5p/litre", "- Suppliers affected: 340 farms, about 620m litres"],
             ["Share: Facebook | X | LinkedIn | Email | Print | Copy", "Read also: Spring calving herds urged to review"],
             ["Second cut in two months. Fertiliser hasn't dropped.", "About us | Contact | Advertise | Terms | Privacy"]]
    page = [line for paragraph, extra in zip(paragraphs, short) for line in paragraph + [""] + extra + [""]]
    joined = [text for _, text in unwrap_lines(page)]
    assert all(" ".join(paragraph) in joined for paragraph in paragraphs)
    assert "- Suppliers affected: 340 farms, about 620m litres" in joined and "About us | Contact | Advertise | Terms | Privacy" in joined


def test_the_language_of_a_few_sentences_and_none_for_too_little():
    assert detect_language("Le président a reçu hier son homologue allemand à l'Élysée pour un dîner de travail.") == "fr"
    assert detect_language("The president received his German counterpart at the White House yesterday.") == "en"
    assert detect_language("OK merci") is None
