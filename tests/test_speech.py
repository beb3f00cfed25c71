"""Quotations and their speakers, read from the text (kharita.speech)."""

from __future__ import annotations

from kharita.speech import quotation_at, quote_speaker


def test_quotation_holding_a_word_curly_and_straight():
    text = "Officials were calm. “The army will advance. It will win,” said Ali Musa, a commander."
    q = quotation_at(text, text.index("win"))
    assert q is not None and text[q[0]:q[1]].startswith("“The army") and text[q[1] - 1] == "”"
    assert quotation_at(text, text.index("calm")) is None
    straight = 'He left. "They will come back," she said. Then nothing.'
    q = quotation_at(straight, straight.index("come"))
    assert q is not None and straight[q[0]:q[1]] == '"They will come back,"'
    assert quotation_at(straight, straight.index("nothing")) is None


def test_speaker_after_or_before_the_quotation_with_description():
    text = "“The army will advance,” said Ali Musa, a rebel commander. Next paragraph."
    s = quote_speaker(text, quotation_at(text, 3))
    assert s is not None and text[s[0]:s[1]] == "Ali Musa, a rebel commander"
    text = "Ali Musa told reporters: “The army will advance.”"
    s = quote_speaker(text, quotation_at(text, text.index("army")))
    assert s is not None and text[s[0]:s[1]] == "Ali Musa"
    text = "“The army will advance.” The next day it did."
    assert quote_speaker(text, quotation_at(text, 3)) is None
