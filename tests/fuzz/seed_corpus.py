#!/usr/bin/env python3
"""Writes the hand-made seed inputs of tests/fuzz/corpus (the format is described at the top of
fuzz_core.cpp). Inputs libFuzzer found interesting are added next to them as found-* files.
   python3 tests/fuzz/seed_corpus.py            # (re)writes the seed-* files
The API inputs refer to the demo world fuzz_core.cpp builds: project 1, 合肥 (340100) hospitals 1112
(H34010000002, 暂存) and 1115 (submitted), 山西 (140000) with 太原 140100 submitted, 河北 (130000) ready
to submit, demo files 1..4."""
import base64
import json
import os

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "corpus")
os.makedirs(out, exist_ok=True)
for f in os.listdir(out):
    if f.startswith("seed-"):
        os.remove(os.path.join(out, f))


def put(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(out, "seed-" + name), "wb") as f:
        f.write(data)


def api(name, caller, method, target, body=None):
    text = f"7{caller}{method} {target}\n"
    if body is not None:
        text += body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    put("api-" + name, text)


# ---- '0' CSV ---------------------------------------------------------------------------------------
put("csv-basic", '0a,b,c\r\n"x,y",2,"say ""hi"""\n')
put("csv-multiline", '0机构编码,机构名称\n"H1","第一\n人民医院"\r\n,,,\n\n')
put("csv-unterminated", '0a,"b\nc,d\n')
put("csv-bad-quote", '0a,b"c,d\n"x"y,z\n')
put("csv-cr-only", "0# comment\ra,b\r\rc, d ,e \r")

# ---- '1' text files (UTF-8, BOM, GBK, binary) --------------------------------------------------------
put("text-utf8", "1流水号,产品名称\nS001,试剂盒\n")
put("text-bom", b"1\xef\xbb\xbf" + "机构编码\n".encode())
put("text-gbk", b"1" + "流水号,产品名称\r\nS001,丙氨酸氨基转移酶测定试剂盒\r\n".encode("gbk") + b"\x80")
put("text-bad", b"1\x81\x20\xff\xfe")
put("text-png", b"1\x89PNG\r\n\x1a\n\x00\x00")
put("text-xlsx", b"1PK\x03\x04\x14\x00")
put("text-blank", b"1\xef\xbb\xbf \r\n\t")

# ---- '2' quantities --------------------------------------------------------------------------------
for i, q in enumerate(["1,234", "１２３", " 007 ", "12,34", "1000000000", "-1", "\u3000 5\u00a0", "1﹐234，567",
                       "999,999,999", "1.5", ""]):
    put(f"quantity-{i}", "2" + q)
put("quantity-ints", b"2" + bytes([0, 0, 0, 0, 0, 0, 3, 232, 0, 0, 0, 0, 0, 0, 5, 20]) +
    b"\x40\x3e\x00\x00\x00\x00\x00\x00" + b"\x80\x00\x00\x00\x00\x00\x00\x00")

# ---- '3' phone numbers -----------------------------------------------------------------------------
for i, p in enumerate(["13812345678", "+86 13812345678", "0551-12345678转801", "（0551）12345678", "010-1234567",
                       "０２１－８７６５４３２１", "12345", "8613812345678", "0551-02345678"]):
    put(f"phone-{i}", "3" + p)

# ---- '4' CST times ---------------------------------------------------------------------------------
for i, t in enumerate(["2026-05-28 10:00:00", "2024-02-29", "2023-02-29", "2026-05-28T10:00", "9999-12-31 23:59:59",
                       "0000-01-01", "2026-13-01", "2026-04-31 00:00", "2026-05-28 24:00:00"]):
    put(f"cst-{i}", "4" + t)

# ---- '5' sheet patches -----------------------------------------------------------------------------
put("patch-full", "5" + json.dumps({
    "revision": 2, "contact_name": "张三", "contact_phone": "13812345678", "commitment_letter": 1,
    "demand_attachment": None, "instrument_docs": {"国械注准20223401000": 3, "X": None},
    "lines": [{"serial": "100001", "last_year": "1,000", "demand": "1300", "instrument": "是", "change_note": "扩容"},
              {"serial": 100002, "last_year": 5, "demand": None}]}, ensure_ascii=False))
put("patch-dup", "5" + json.dumps({"revision": 1, "lines": [{"serial": "S1"}, {"serial": "S1"}]}))
put("patch-bad", "5" + json.dumps({"revision": "x", "lines": {}}))
put("patch-bad-instrument", "5" + json.dumps({"revision": 3, "lines": [{"serial": "S1", "instrument": "maybe"}]}))
put("patch-bad-docs", "5" + json.dumps({"revision": 3, "instrument_docs": {"C1": -1}}))

# ---- '6' base64 ------------------------------------------------------------------------------------
for i, b in enumerate(["QUJD", "QQ==", "QR==", "A===", "", "////", "QUJ=", "QU=D", "5Lit5paH"]):
    put(f"base64-{i}", "6" + b)
put("base64-binary", b"6\x00\xff\x80=")

# ---- '7' API ---------------------------------------------------------------------------------------
pdf = base64.b64encode(b"%PDF-1.4\n% fuzz\n%%EOF\n").decode()
elf = base64.b64encode(b"\x7fELF" + b"\x00" * 100 + b"%PDF-1.4\n").decode()
# anonymous
api("captcha", 0, "GET", "/auth/captcha")
api("login-bad", 0, "POST", "/auth/login", {"username": "admin", "password": "x", "captcha_id": "c", "captcha": "ABCD"})
api("login-malformed", 0, "POST", "/auth/login", '{"username": ')
api("login-array", 0, "POST", "/auth/login", "[1,2]")
api("me-anon", 0, "GET", "/auth/me")
api("unknown-route", 0, "GET", "/nope/../../etc")
api("method-not-allowed", 1, "DELETE", "/ivd/projects")
# accounts, as admin
api("me", 1, "GET", "/auth/me")
api("change-password-wrong", 5, "POST", "/auth/change-password",
    {"old_password": "wrong", "new_password": "Abcdefg123", "confirm_password": "Abcdefg123"})
api("change-password-weak", 5, "POST", "/auth/change-password",
    {"old_password": "Fuzz2026abc", "new_password": "123", "confirm_password": "123"})
api("logout", 3, "POST", "/auth/logout", {})
api("users", 1, "GET", "/users?page=2&page_size=5&q=合肥&user_type=hospital&region_code=340000")
api("users-bad-page", 1, "GET", "/users?page=-1&page_size=100000")
api("user-create", 1, "POST", "/users", {"username": "new_admin", "name": "新管理员", "phone": "13812345678",
                                         "user_type": "admin", "region_code": "340100", "menus": ["ivd.review"]})
api("user-create-hospital", 2, "POST", "/users", {"username": "H_new", "name": "医院", "user_type": "hospital",
                                                  "institution_id": 1112, "menus": ["ivd.fill"]})
api("user-get", 1, "GET", "/users/2")
api("user-put", 1, "PUT", "/users/2", {"revision": 1, "name": "北京市医疗保障局", "phone": "010-12345678"})
api("user-menus", 1, "PUT", "/users/2/menus", {"revision": 1, "menus": ["sys.users", "ivd.review", "bogus"]})
api("user-grantable", 2, "GET", "/users/2/grantable-menus")
api("user-grantable-form", 2, "POST", "/users/grantable-menus", {"user_type": "admin", "region_code": "340100"})
api("user-disable", 1, "POST", "/users/2/disable", {"revision": 1})
api("user-enable", 1, "POST", "/users/2/enable", {"revision": 1})
api("user-reset", 2, "POST", "/users/3000/reset-password", {"revision": 1})
api("user-id-overflow", 1, "GET", "/users/99999999999999999999")
api("regions", 3, "GET", "/regions?parent_code=340000&level=city")
api("institutions", 2, "GET", "/institutions?q=医院&kind=hospital&page_size=3")
# projects and catalog, as admin
api("projects", 5, "GET", "/ivd/projects?status=running&year=2026")
api("project", 1, "GET", "/ivd/projects/1")
api("project-update", 1, "PUT", "/ivd/projects/1",
    {"revision": 1, "name": "2026年度省际联盟体外诊断试剂报量", "year": 2026, "description": "x", "threshold_percent": 35,
     "fill_start": "2026-05-19 04:26:40", "fill_end": "2026-06-18", "city_review_end": "2026-07-03",
     "province_review_end": "2026-07-18", "provinces": ["340000"]})
api("project-create", 1, "POST", "/ivd/projects",
    {"name": "2027年度报量", "year": 2027, "threshold_percent": 30, "fill_start": "2026-06-01", "fill_end": "2026-07-01",
     "city_review_end": "2026-07-10", "province_review_end": "2026-07-20", "provinces": ["340000", "999999"]})
api("project-events", 1, "GET", "/ivd/projects/1/events")
api("catalog", 5, "GET", "/ivd/projects/1/catalog?q=肝功能&page=1&page_size=5")
api("catalog-all", 5, "GET", "/ivd/projects/1/catalog/all")
api("catalog-import", 1, "POST", "/ivd/projects/1/catalog/import",
    {"csv": "流水号,大项,小项,产品名称,规格/包装,注册证,生产企业\nS9,生化,肝功能,试剂盒,2×50ml,C9,甲\n"})
api("catalog-import-gbk", 1, "POST", "/ivd/projects/1/catalog/import",
    {"csv_base64": base64.b64encode("流水号,大项\nS9,生化\n".encode("gbk")).decode()})
api("certificates", 1, "GET", "/ivd/projects/1/certificates?q=国械")
# the hospital's own sheet
api("sheet", 5, "GET", "/ivd/projects/1/sheet")
api("sheet-lines", 5, "GET", "/ivd/projects/1/sheet/lines?q=试剂")
api("sheet-events", 5, "GET", "/ivd/projects/1/sheet/events")
api("sheet-certificates", 5, "GET", "/ivd/projects/1/sheet/certificates")
api("draft", 5, "POST", "/ivd/projects/1/sheet/draft",
    {"revision": 2, "contact_name": "张三", "contact_phone": "0551-12345678",
     "lines": [{"serial": "100001", "last_year": "1,000", "demand": "1500", "instrument": "是"},
               {"serial": "100046", "last_year": "", "demand": None, "change_note": "说明"}]})
api("draft-stale", 5, "POST", "/ivd/projects/1/sheet/draft", {"revision": 1, "lines": []})
api("draft-unknown-serial", 5, "POST", "/ivd/projects/1/sheet/draft", {"revision": 2, "lines": [{"serial": "NOPE"}]})
api("draft-foreign-file", 5, "POST", "/ivd/projects/1/sheet/draft", {"revision": 2, "commitment_letter": 1})
api("draft-cert-doc", 5, "POST", "/ivd/projects/1/sheet/draft",
    {"revision": 2, "instrument_docs": {"国械注准20173451015": 2, "国械注准20213461016": None}})
api("submit", 5, "POST", "/ivd/projects/1/sheet/submit",
    {"revision": 2, "contact_name": "张三", "contact_phone": "13812345678",
     "lines": [{"serial": "100046", "last_year": "100", "demand": "200", "instrument": "否"}]})
api("draft-locked", 6, "POST", "/ivd/projects/1/sheet/draft", {"revision": 4, "contact_name": "李四"})
api("draft-text-plain", 5, "POST", "/ivd/projects/1/sheet/draft", "revision=2")
api("enterprise-sheet", 7, "GET", "/ivd/projects/1/sheet")
# files
api("upload-pdf", 5, "POST", "/ivd/files", {"name": "承诺书.pdf", "content_base64": pdf})
api("upload-elf", 5, "POST", "/ivd/files", {"name": "a.pdf", "content_base64": elf})
api("upload-bad-b64", 5, "POST", "/ivd/files", {"name": "a.png", "content_base64": "QR=A"})
api("file", 6, "GET", "/ivd/files/1")
api("file-content", 6, "GET", "/ivd/files/1/content")
api("file-foreign", 5, "GET", "/ivd/files/2/content")
api("file-unknown", 5, "GET", "/ivd/files/987654")
# city review
api("city-hospitals", 3, "GET", "/ivd/projects/1/cities/340100/hospitals?status=submitted&name=合肥&code=H3401")
api("city-hospital-sheet", 3, "GET", "/ivd/projects/1/hospitals/1115/sheet")
api("city-hospital-lines", 3, "GET", "/ivd/projects/1/hospitals/1115/sheet/lines")
api("city-hospital-events", 3, "GET", "/ivd/projects/1/hospitals/1115/sheet/events")
api("city-review-approve", 3, "POST", "/ivd/projects/1/hospitals/1115/review", {"revision": 3, "decision": "approve"})
api("city-review-reject", 3, "POST", "/ivd/projects/1/hospitals/1115/review",
    {"revision": 3, "decision": "reject", "reason": "数据有误"})
api("city-review-reject-noreason", 3, "POST", "/ivd/projects/1/hospitals/1115/review", {"revision": 3, "decision": "reject"})
api("city-review-draft", 3, "POST", "/ivd/projects/1/hospitals/1112/review", {"revision": 2, "decision": "approve"})
api("city-exclude", 3, "POST", "/ivd/projects/1/hospitals/1112/exclude", {"revision": 2})
api("city-include", 3, "POST", "/ivd/projects/1/hospitals/1111/include", {"revision": 2})
api("city-review-withdraw", 3, "POST", "/ivd/projects/1/hospitals/1115/review/withdraw", {"revision": 3})
api("city-submit", 3, "POST", "/ivd/projects/1/cities/340100/submit", {"revision": 1})
api("city-events", 3, "GET", "/ivd/projects/1/cities/340100/events")
api("sbj-hospitals", 4, "GET", "/ivd/projects/1/cities/340099/hospitals")
api("city-other-city", 3, "GET", "/ivd/projects/1/cities/340200/hospitals")
# province review
api("province-cities", 8, "GET", "/ivd/projects/1/provinces/140000/cities?status=submitted&name=太原")
api("province-review-city", 8, "POST", "/ivd/projects/1/cities/140100/review", {"revision": 2, "decision": "approve"})
api("province-reject-city", 8, "POST", "/ivd/projects/1/cities/140100/review",
    {"revision": 2, "decision": "reject", "reason": "请复核"})
api("province-withdraw-city", 9, "POST", "/ivd/projects/1/cities/130100/review/withdraw", {"revision": 3})
api("province-submit", 9, "POST", "/ivd/projects/1/provinces/130000/submit", {"revision": 1, "summary_file_id": 4})
api("province-submit-nofile", 9, "POST", "/ivd/projects/1/provinces/130000/submit", {"revision": 1})
api("province-certificates", 9, "GET", "/ivd/projects/1/provinces/130000/certificates")
api("province-events", 8, "GET", "/ivd/projects/1/provinces/140000/events")
# national
api("national-provinces", 1, "GET", "/ivd/projects/1/provinces")
api("national-withdraw", 1, "POST", "/ivd/projects/1/provinces/110000/withdraw", {"revision": 2, "reason": "请复核"})
api("national-withdraw-pending", 1, "POST", "/ivd/projects/1/provinces/130000/withdraw", {"revision": 1, "reason": "x"})
