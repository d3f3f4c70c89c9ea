#!/bin/sh
# Terminal test: with the cas backend, the wizard checks the credentials
# and permissions (as certwiz account) on the Type screen, before the
# first form: good credentials are confirmed, a missing permission names
# the yundun-cert: action, and Esc cancels a check that takes long.
. "$top_srcdir/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1
then
	echo "1..0 # SKIP python3 and openssl are needed"
	exit 0
fi
. "$top_srcdir/tests/ui/tmux.sh"
. "$top_srcdir/tests/cas-lib.sh"

start_server good
mkdir -p "$HOME/.config/certwiz"
printf 'backend = cas\nendpoint = %s\ncacert = %s\n' "$endpoint" "$T/ca.pem" \
	> "$HOME/.config/certwiz/config"
UI_ENV="ALIBABA_CLOUD_ACCESS_KEY_ID='$KEY_ID' \
    ALIBABA_CLOUD_ACCESS_KEY_SECRET='$SECRET' CERTWIZ_TIMEOUT=120"

ui_start
ui_check "start" "What would you like to do?"
ui_keys Enter
ui_check "type" "Which certificate did you buy?"
ui_check "good credentials are confirmed" \
    "Credentials: AccessKey, accepted by the CA."
ui_keys C-q
ui_check_exit 0 "the wizard ends"

# A RAM policy without ListUserCertificateOrder.
ctl '{"op":"deny","action":"ListUserCertificateOrder"}' >/dev/null
ui_start
ui_check "start again" "What would you like to do?"
ui_keys Enter
ui_check "the missing permission is named before the first form" \
    "yundun-cert:ListUserCertificateOrder"
ui_check "still on the Type screen" "Which certificate did you buy?"
ui_keys C-q
ui_check_exit 0 "the wizard ends"

# A check that takes long: Esc cancels it, a second Esc goes back.
start_server good
printf 'backend = cas\nendpoint = %s\ncacert = %s\n' "$endpoint" "$T/ca.pem" \
	> "$HOME/.config/certwiz/config"
ctl '{"op":"fault","action":"ListUserCertificateOrder","kind":"slow","delay":60,"count":1}' >/dev/null
ui_start
ui_check "start a third time" "What would you like to do?"
ui_keys Enter
ui_check "the check runs" "Esc cancels the check"
ui_keys Escape
ui_check "Esc cancels it" "Credentials check cancelled"
ui_check "and stays on the Type screen" "Which certificate did you buy?"
ui_keys Escape
ui_check "a second Esc goes back" "What would you like to do?"
ui_keys C-q
ui_check_exit 0 "the wizard ends"
done_testing
