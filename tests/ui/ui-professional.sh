#!/bin/sh
# Terminal test: a professional (OV) application with company details,
# a CSR made elsewhere and pasted in (bracketed paste), and documents: a
# PDF refused, then a PNG accepted (the screen and its tips say which
# documents are needed); the verification template written.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

if ! command -v openssl >/dev/null 2>&1; then
	echo "1..0 # SKIP the openssl command is not installed"
	exit 0
fi
W="$TEST_TMP/work"
mkdir -p "$W"
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$W/key.pem" -out "$W/csr.pem" -subj "/CN=shop.example.com" \
    -addext "subjectAltName=DNS:shop.example.com" >/dev/null 2>&1
ok $? "a CSR made with openssl"
python3 "$top_srcdir/tests/doc-images.py" "$W" >/dev/null
cp "$W/palette.png" "$W/licence.png"
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' > "$W/licence.pdf"

ui_start
ui_check "start" "What would you like to do?"
ui_keys Enter
ui_check "type" "Which certificate did you buy?"
ui_keys Down Down Enter
ui_check "the kind question" "Which kind of"
ui_keys Enter
ui_check "professional: the domains" "Type a name and press Enter"
ui_type "shop.example.com"
ui_keys Enter Tab Tab Enter
ui_check "applicant" "Email *"
ui_type "Chen Qi"
ui_keys Tab
ui_type "+86 138 0013 8000"
ui_keys Tab
ui_type "chen@example.com"
ui_keys Tab Tab Tab Enter
ui_check "the company form" "Company name *"

# Next with the company form empty: refused, the first field named.
ui_keys BTab BTab Enter
ui_check "an empty company form cannot be left forward" "is required"
ui_type "Example Technology Co., Ltd."
ui_keys Tab Enter
ui_check "company type menu" "Government entity"
# Picking moves on to the next field.
ui_keys Enter
ui_type "+86 571 8888 6666"
ui_keys Tab
ui_type "91350100M000100Y43"
# Space opens a list that has a value (Enter there moves on).
ui_keys Tab Space
ui_check "country picker" "Country (type its code)"
ui_check "country names in English" "AF  Afghanistan"
ui_type "CN"
ui_keys Enter
ui_type "Zhejiang"
ui_keys Tab
ui_type "Hangzhou"
ui_keys Tab
ui_type "969 West Wenyi Road"
ui_keys Tab
ui_type "310000"
ui_keys Tab Enter
ui_check "the company is accepted: the CSR screen" "How should the CSR be made?"

# Manual mode: paste the CSR.
ui_keys Down Enter
ui_check "manual mode" "[ Paste the CSR ]"
ui_keys Enter
ui_check "the paste box" "Esc: cancel."
tm load-buffer "$W/csr.pem"
tm paste-buffer -p -t w
ui_check "the pasted CSR is checked at once" "The CSR is acceptable."
ui_check "its subject shows" "CN=shop.example.com"
id=$(ui_last_id)
grep -q "BEGIN CERTIFICATE REQUEST" "$apps_dir/$id/application.json" || \
    ui_keys C-s
ui_keys Tab Tab Enter
ui_check "verification with documents" "Documents: 1 required"
ui_check "the documents title is whole at 80x24" "each)"
ui_check "it says which document is needed" "Needed: the verification letter"
ui_check "and where to read more" "F1 says more."
ui_keys F1
ui_check "the tips say it whole" "applicant's ID card or passport"
ui_check "with the business licence" "business licence at hand"
ui_keys Escape
ui_wait_gone "applicant's ID card" >/dev/null

# A PDF is refused, with the reason; a PNG is accepted.
ui_keys Tab Enter
ui_check "the path prompt" "Tab completes the name"
ui_type "$W/licence.p"
ui_keys Tab
ui_check "Tab lists the names that could follow" "licence.pdf  licence.png"
ui_type "df"
ui_keys Enter
ui_check "the PDF is refused" "was not added"
ui_check "with what it is" "PDF"
ui_keys Enter
ui_check "the path prompt again" "Tab completes the name"
ui_type "$W/licence.pn"
ui_keys Tab Enter
ui_check "the PNG is accepted" "was checked and added"
ui_check "and listed" "1. licence.png"
ls "$apps_dir/$id/documents/" >/dev/null 2>&1
ok $? "its copy is in the application's folder"

# The verification template.
ui_keys Tab
ui_keys Enter
ui_check "the template prompt" "authorization letter"
ui_keys C-u
ui_type "$W/letter.html"
ui_keys Enter
ui_check "the template is written" "Wrote $W/letter.html"
[ -s "$W/letter.html" ]
ok $? "the template file exists"

ui_keys Tab Enter
ui_check "confirm" "[ Submit ]"
ui_check "before Submit it says the documents are uploaded in the console" \
    "cannot carry the"
ui_keys Enter
ui_check "Submit prepares it (local backend)" "Prepared here, not sent yet"
ui_check "it says where to upload the documents" "Upload the qualification documents"
[ "$(ui_json "$id" 'j["state"] + " " + j["csr"]["mode"] + " " + str(len(j["documents"]))')" = "prepared manual 1" ]
ok $? "prepared, manual CSR, one document"
[ "$(ui_json "$id" 'j["company"]["country"] + " " + j["company"]["type"]')" = "CN private" ]
ok $? "the company's country and type"

done_testing
