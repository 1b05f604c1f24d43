"""The data pages (`datasets/`, `datasets/<name>/`): their specs, and the Vietnamese
descriptions of the published tables and fields.

The descriptor's descriptions are English. A resource or field may carry its Vietnamese
text in the descriptor (`x-description-vi`); otherwise it comes from VI below; a field
with neither shows no description on the Vietnamese page rather than English.
"""

from __future__ import annotations

import json
from typing import Iterator

from .spec import PageSpec, PageType, SearchEntry
from .urls import dataset_path

VI_TABLES = {
    "areas": ("Lĩnh vực cải cách", "Bảy lĩnh vực cải cách của Nghị quyết 76/NQ-CP (Chương trình tổng thể 2021–2030)."),
    "places": ("Địa phương", "Các đơn vị hành chính ban hành kế hoạch hoặc được các số liệu đề cập."),
    "indicators": ("Chỉ số", "Danh mục dùng chung, để cùng một cam kết trong các kế hoạch khác nhau là một chỉ số."),
    "documents": ("Văn bản", "Các văn bản đã tuyển chọn (kế hoạch, quyết định, bài báo) mà các số liệu được lấy từ đó."),
    "targets": ("Cam kết", "Mỗi dòng là một cam kết bằng số trong một kế hoạch."),
    "results": ("Kết quả", "Mỗi dòng là một số liệu được báo cáo."),
    "assignments": ("Phân công", "Mỗi dòng là một nhiệm vụ kế hoạch giao cho một cơ quan cụ thể."),
    "targets-flat": ("Cam kết (bảng phẳng)", "Như bảng cam kết, kèm tên địa phương, tỉnh, chỉ số, lĩnh vực và "
                     "văn bản bên cạnh mã, để mở một tệp trong bảng tính là đủ."),
    "results-flat": ("Kết quả (bảng phẳng)", "Như bảng kết quả, kèm tên địa phương, tỉnh, chỉ số, lĩnh vực và "
                     "văn bản bên cạnh mã, để mở một tệp trong bảng tính là đủ."),
}
VI_FIELDS = {  # by field name; "resource.field" where resources differ
    "id": "Mã.", "name_vi": "Tên tiếng Việt.", "name": "Tên tiếng Việt.", "name_en": "Tên tiếng Anh.",
    "places.type": "Cấp: quoc-gia (quốc gia), tinh (tỉnh), huyen (huyện), xa (xã).",
    "parent": "Đơn vị hành chính cấp trên (trống với quốc gia).",
    "area": "Lĩnh vực cải cách.", "unit": "Đơn vị: percent, count, vnd, rank, rank_change hoặc times.",
    "direction": "increase: càng cao càng tốt; decrease: càng thấp càng tốt.",
    "number": "Số hiệu văn bản, ví dụ 2260/QĐ-UBND.", "documents.type": "decision, plan hoặc press-report.",
    "title": "Tiêu đề tiếng Việt.", "title_en": "Tiêu đề tiếng Anh.", "issuer": "Cơ quan ban hành.",
    "documents.place": "Địa phương mà văn bản đề cập.", "date": "Ngày ban hành, nếu biết.",
    "period_start": "Năm đầu của giai đoạn.", "period_end": "Năm cuối của giai đoạn.",
    "signer": "Người ký văn bản chính thức.", "author": "Tác giả bài báo.",
    "source_note": "Văn bản này là gì (tiếng Việt).", "source_note_en": "Văn bản này là gì (tiếng Anh).",
    "document": "Văn bản nguồn của số liệu.", "place": "Địa phương mà số liệu đề cập.",
    "indicator": "Chỉ số dùng chung, nếu có.",
    "level": "Cấp hành chính mà số liệu đề cập: tinh, huyen, xa hoặc toan-dia-ban (toàn địa bàn).",
    "targets.statement": "Nội dung cam kết (tiếng Việt).", "targets.statement_en": "Nội dung cam kết (tiếng Anh).",
    "results.statement": "Nội dung được báo cáo (tiếng Việt).", "results.statement_en": "Nội dung được báo cáo (tiếng Anh).",
    "comparator": "Cách so sánh với giá trị: >=, >, =, <, <=.",
    "value": "Giá trị (một số; 99,79% được ghi là 99.79).", "targets.year": "Năm phải đạt.",
    "results.year": "Năm của số liệu.", "baseline_year": "Năm được so sánh (\"so với năm 2022\"), nếu có.",
    "numerator": "Tử số, khi văn bản nêu các thành phần của tỉ lệ (41 trong 41/103).",
    "denominator": "Mẫu số (103 trong 41/103).",
    "source_quote": "Đoạn trích nguyên văn của văn bản nêu số liệu.", "note": "Ghi chú của người biên tập.",
    "assignments.document": "Văn bản giao nhiệm vụ.", "agency": "Cơ quan, như văn bản gọi tên.",
    "task": "Nhiệm vụ (tiếng Việt).",
    "ratio_check": "Tính khi xây dựng: ok, hoặc disagrees khi tỉ lệ nêu trong văn bản lệch quá 0,05 điểm "
                   "so với tử số/mẫu số; trống khi không có thành phần.",
    "ratio_computed": "Tử số/mẫu số × 100, làm tròn 2 chữ số thập phân.",
    "source_url": "Liên kết đến câu trích dẫn trên trang văn bản.",
    "place_name": "Tên địa phương (tiếng Việt).", "place_name_en": "Tên địa phương (tiếng Anh).",
    "province": "Mã tỉnh chứa địa phương (chính nó nếu là tỉnh).", "province_name": "Tên tỉnh đó.",
    "indicator_name": "Tên chỉ số (tiếng Việt).", "indicator_name_en": "Tên chỉ số (tiếng Anh).",
    "indicator_unit": "Đơn vị của chỉ số.", "area_name": "Tên lĩnh vực (tiếng Việt).",
    "area_name_en": "Tên lĩnh vực (tiếng Anh).", "document_number": "Số hiệu văn bản nguồn.",
    "document_date": "Ngày của văn bản nguồn.", "document_title": "Tiêu đề văn bản nguồn (tiếng Việt).",
    "document_title_en": "Tiêu đề văn bản nguồn (tiếng Anh).",
    # places today (issue 23): computed in places, joined into the flat tables
    "today": "Tính khi xây dựng: mã đơn vị mà địa phương này nay thuộc về (chính nó nếu vẫn còn; trống khi không có "
             "một đơn vị kế tục duy nhất).", "today_name": "Tên đơn vị đó.",
    "province_today": "Tính khi xây dựng: mã tỉnh, thành phố mà địa phương nay thuộc về (trống với quốc gia hoặc khi "
                      "không có một đơn vị kế tục duy nhất).", "province_today_name": "Tên tỉnh, thành phố đó.",
    "place_today": "Mã đơn vị mà địa phương của số liệu nay thuộc về (place giữ địa danh như khi văn bản ban hành).",
    "place_today_name": "Tên đơn vị đó.",
}


def describe(downloads, lang: str) -> dict[str, str]:
    """"table" and "table.field" → title/description in `lang` (no English on a Vietnamese page)."""
    out = {}
    for table in downloads.tables.values():
        if lang == "vi":
            title, text = VI_TABLES.get(table.name, (table.name, ""))
        else:
            title, text = table.title, table.description
        out[table.name] = text
        out[f"{table.name}:title"] = title
        for field in table.fields:
            key = f"{table.name}.{field['name']}"
            if lang == "vi":
                out[key] = field.get("x-description-vi") or VI_FIELDS.get(key) or VI_FIELDS.get(field["name"], "")
            else:
                out[key] = field.get("description", "")
    return out


def csl_json(descriptor: dict, downloads, config, public_base: str) -> str:
    """The data set's citation as CSL-JSON, its letters as themselves (not \\uXXXX escapes):
    the template escapes it as HTML text, which a reader copies back as the same JSON."""
    release = downloads.package
    year, month, day = (int(part) for part in str(release["created"]).split("-"))
    item = {"id": f"{downloads.name}-{release['version']}", "type": "dataset",
            "title": descriptor.get("title", downloads.name), "author": [{"literal": config.publisher}],
            "publisher": config.publisher, "version": release["version"],
            "issued": {"date-parts": [[year, month, day]]},
            "URL": f"{public_base}datasets/{downloads.name}/", "license": config.licence["url"]}
    return json.dumps([item], ensure_ascii=False, indent=2, sort_keys=True)


def specs(site) -> Iterator[PageSpec]:
    """The data index and the dataset page, with every file, its size and rows."""
    downloads = site.downloads
    config = site.config
    yield PageSpec("datasets.html", "datasets/", values={"downloads": downloads})
    public_base = config.absolute_url("") or config.base_path
    values = {
        "dataset": site.catalogue.dataset, "downloads": downloads,
        "jsonld": {lang: downloads.jsonld(config, lang) for lang in config.languages},
        "texts": {lang: describe(downloads, lang) for lang in config.languages},
        "public_base": public_base,
        "csl": csl_json(site.catalogue.dataset.descriptor, downloads, config, public_base),
    }
    yield PageSpec("dataset.html", dataset_path(downloads.name), values=values)


def search(cat) -> Iterator[SearchEntry]:
    yield SearchEntry(dataset_path(cat.dataset.name), "dataset", "dataset", None)


PAGE = PageType("datasets", specs, search, nav="datasets")
