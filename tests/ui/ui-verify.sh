#!/bin/sh
# Terminal test: "Check now" (c) on the Applications and Submitted screens
# runs certwiz verify's check in a job against real DNS servers (Knot DNS,
# started here), shows the findings, and Esc cancels a check that waits on
# a server that never answers.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"
. "$top_srcdir/tests/dns-lib.sh"

ui_dns_start

apps="$HOME/.local/share/certwiz/applications"
mkdir -p "$apps/aaaa-1111" "$HOME/.config/certwiz"
chmod 700 "$apps/aaaa-1111"
cat > "$apps/aaaa-1111/application.json" <<JSON
{"version": 1, "id": "aaaa-1111", "state": "awaiting-validation", "type": "free",
 "created": "2026-11-01T10:00:00Z", "updated": "2026-11-01T10:00:00Z",
 "domains": ["www.cwtest.net"], "applicant": {"name": "Li Lei", "email": "li@example.com"},
 "validation": {"method": "dns"},
 "backend": {"name": "cas", "order_id": 1, "status": "domain_verify",
   "record_domain": "_dnsauth", "record_type": "TXT",
   "record_value": "TOKEN-0123456789"}}
JSON

# --- c on the Applications screen ----------------------------------------------
printf 'resolver = 127.0.0.2:%s\n' "$DNS_PORT" > "$cfg"
ui_start
ui_check "start" "What would you like to do?"
ui_keys Down Enter
ui_check "the applications" "aaaa-1111"
ui_keys c
ui_check "c checks now: the record is found" '_dnsauth.www.cwtest.net TXT "TOKEN-0123456789"' 30
ui_check "the result is on the Submitted screen" "Check now:"
ui_check "CAA is checked" "CAA at cwtest.net allows digicert.com"

# --- c on the Submitted screen, Esc cancels a check that hangs ------------------
printf 'resolver = 127.0.0.4:%s\n' "$DNS_PORT" > "$cfg"
ui_keys c
ui_check "c on the Submitted screen starts a check" "Esc cancels"
ui_keys Escape
ui_check "Esc cancels it" "Check cancelled." 5
ui_check "the wizard stays on the Submitted screen" "Submitted"
ui_keys C-q
ui_wait "certwiz-exit=" 10
ui_check "the wizard ends" "certwiz-exit=0"

done_testing
