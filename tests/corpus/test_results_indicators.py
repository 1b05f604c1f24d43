"""Results that can be compared (issue 23): each Sóc Trăng result has an indicator that measures
exactly it, or a note, in both languages, saying why none can.
Sources: the seed text and docs/curation/third-edition.md, section 3."""

from __future__ import annotations

from tests.corpus.corpusdata import rows

ST = "soc-trang-ket-qua-2022-2023-"
BEFORE = {"r19": "dvc-tich-hop-cong-dvc-quoc-gia", "r24": "ho-so-dung-han", "r47": "ccvc-trinh-do-sau-dai-hoc",
          "r50": "dvsn-giao-tu-chu", "r51": "dvsn-giao-tu-chu", "r54": "ho-so-cong-viec-tren-mang",
          "r57": "ho-so-truc-tuyen-toan-trinh"}
NEW = {"r13": "tthc-quy-trinh-noi-bo-so-luong", "r16": "dvc-truc-tuyen-toan-trinh-so-luong",
       "r35": "hop-nhat-trung-tam-van-hoa-dai-truyen-thanh-huyen", "r48": "co-quan-tu-chu-nd-130-so-luong",
       "r49": "xa-tu-chu-nd-117-so-luong", "r55": "co-quan-mot-cua-dien-tu-dvc-truc-tuyen",
       "r56": "dvc-toan-trinh-tren-he-thong-va-ung-dung-tinh", "r61": "ap-dung-iso-9001",
       "r62": "ap-dung-iso-9001-dien-tu-so-luong"}
WHY = {  # the reason each result without an indicator gives, by its first words in English
    "the article does not say from when": ["r01", "r02", "r03", "r06", "r07", "r08", "r09", "r10", "r11", "r12",
                                           "r31", "r32", "r33", "r34", "r36", "r37", "r38", "r39", "r40", "r41",
                                           "r42", "r43", "r44", "r52", "r53"],
    "this measures size": ["r15", "r17", "r18", "r20"],
    "a part of the ratio in row": ["r22", "r23", "r26", "r45", "r46"],
    "a change against 2022": ["r21", "r27"],
    "the text does not say whether this is per cent or percentage points": ["r25", "r58"],
    "the split of late dossiers by cause": ["r28", "r29"],
    '"maintained effectively"': ["r04"], "a total of two years": ["r05"], "the base is the cut set": ["r14"],
    "the text gives no base": ["r30"], '"basically integrated': ["r60"],
}


def test_every_result_has_an_indicator_or_says_why_none_can():
    results = {i.removeprefix(ST): r for i, r in rows("results").items()}
    assert len(results) == 62
    assert {i: r["indicator"] for i, r in results.items() if r["indicator"]} == BEFORE | NEW
    why = {i: reason for reason, ids in WHY.items() for i in ids}
    for i, row in results.items():
        if row["indicator"]:
            assert "Không gắn chỉ tiêu" not in row["note"] and "No indicator" not in row["note_en"], i
        elif i == "r59":  # said why already in the second edition
            assert "không gắn chỉ tiêu nào" in row["note"] and "no indicator is attached" in row["note_en"]
        else:
            assert "Không gắn chỉ tiêu: " in row["note"], i
            assert row["note_en"].split("No indicator: ", 1)[1].startswith(why.pop(i)), i
    assert why == {}


def test_the_new_indicators_are_defined_and_fit_their_row():
    indicators, results = rows("indicators"), rows("results")
    for short, indicator_id in NEW.items():
        indicator, row = indicators[indicator_id], results[ST + short]
        assert indicator["definition_vi"] and indicator["definition_en"], indicator_id
        assert (indicator["unit"], indicator["area"], indicator["direction"]) == (row["unit"], row["area"], "increase")
    assert (results[ST + "r48"]["numerator"], results[ST + "r48"]["denominator"]) == ("165", "165")
    assert results[ST + "r16"]["value"] == "1015" and results[ST + "r62"]["value"] == "42"
    # each new indicator names what it counts, as the seed's sentence does
    assert "toàn trình" in indicators[NEW["r16"]]["definition_vi"] and "một phần" in indicators[NEW["r16"]]["definition_vi"]
    assert "130/2005/NĐ-CP" in indicators[NEW["r48"]]["name_vi"] and "117/2013/NĐ-CP" in indicators[NEW["r49"]]["name_vi"]
    assert "ba cấp gộp lại" in indicators[NEW["r61"]]["definition_vi"]
