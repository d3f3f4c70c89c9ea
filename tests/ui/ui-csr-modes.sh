#!/bin/sh
# Terminal test: the CSR screen offers only the modes the type allows
# (the core's rule, the one Confirm and submit apply): an ACME CA never
# makes the key, so "Automatic" is not offered for the Let's Encrypt
# type; the free type offers all three.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

# ui_to_csr: from the Applicant screen, fill it in and go on to CSR.
ui_to_csr() {
	ui_fill_applicant
	ui_keys Tab Tab Tab Enter
	ui_check "CSR" "How should the CSR be made?"
}

ui_start_free
ui_to_applicant
ui_to_csr
ui_check "free: Automatic is offered" "Automatic: the CA makes the key"
ui_check "free: Generate here is the default" "> Generate here"
ui_check "free: Manual is offered" "Manual: paste or load"
ui_stop

# The ACME type (backend = acme; no CA is asked on the way to CSR). The
# free draft goes, so that Welcome offers a new application first.
rm -rf "$apps_dir"
mkdir -p "$HOME/.config/certwiz"
printf 'backend = acme\ndirectory = http://127.0.0.1:9/dir\n' \
	> "$HOME/.config/certwiz/config"
ui_start
ui_check "acme: start" "What would you like to do?"
ui_keys Enter
ui_check "acme: type" "Which certificate did you buy?"
ui_check "acme: the ACME type is first" "> letsencrypt"
ui_keys Enter
ui_check "acme: the kind question" "Which kind of"
ui_keys Enter
ui_check "acme: domains" "Type a name and press Enter"
ui_to_applicant
ui_to_csr
ui_check "acme: Generate here is the default" "> Generate here"
ui_check "acme: Manual is offered" "Manual: paste or load"
ui_wait_gone "Automatic"
ok $? "acme: Automatic is not offered"
ui_keys Up
ui_check "acme: Up from Generate here stays in the two modes" \
    "> Generate here"
ui_keys Down
ui_check "acme: Down reaches Manual" "> Manual"
ui_keys C-s
ui_check "acme: saved" "Draft saved"
id=$(ui_last_id)
[ "$(ui_json "$id" 'j["csr"]["mode"]')" = manual ]
ok $? "acme: the mode chosen is recorded"

done_testing
