from sections.numbering import full_numbers, section_number, to_roman


def test_levels_follow_the_embassy_style():
    assert [section_number(1, 2), section_number(2, 3), section_number(3, 4), section_number(4, 2)] == [
        "2.",
        "(3)",
        "(iv)",
        "(b)",
    ]


def test_roman_numerals():
    assert [to_roman(n) for n in (1, 4, 9, 14, 40, 90, 400, 1994)] == [
        "i", "iv", "ix", "xiv", "xl", "xc", "cd", "mcmxciv",
    ]  # fmt: skip


def test_full_numbers_count_siblings_under_each_parent():
    paths = ["0001", "00010001", "000100010001", "000100010002", "00010002", "000100020001"]
    assert full_numbers(paths, 4) == {
        "0001": "",
        "00010001": "1.",
        "000100010001": "1.(1)",
        "000100010002": "1.(2)",
        "00010002": "2.",
        "000100020001": "2.(1)",
    }
