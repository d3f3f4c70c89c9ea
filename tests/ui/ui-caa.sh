#!/bin/sh
# Terminal test: the Domains screen checks CAA in the background against
# real DNS servers (Knot DNS, started here): a name whose zone has CAA for
# another CA gets a warning with the record to add, an allowed name none;
# typing goes on while a check waits on a server that never answers, and
# Esc cancels that check; a resolver that does not answer leaves only a
# quiet "CAA not checked".
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"
. "$top_srcdir/tests/dns-lib.sh"

ui_dns_start

# The screen, its lines joined: a long warning wraps.
joined() { ui_screen | sed 's/^ *//' | tr '\n' ' ' | tr -s ' '; }
shows_joined() { case "$(joined)" in *"$1"*) return 0 ;; esac; return 1; }

# To the Domains screen of a standard certificate (its CA: digicert.com).
to_domains() {
	# A new application each time, not the draft of the last session.
	ui_stop
	rm -rf "$HOME/.local/share/certwiz"
	ui_start
	ui_check "start" "What would you like to do?"
	ui_keys Enter
	ui_check "type" "Which certificate did you buy?"
	ui_keys Down Enter
	ui_check "the kind question" "Which kind of"
	ui_keys Enter
	ui_check "the domains" "Type a name and press Enter"
}

# A long time limit: the check against the silent server below must still
# be running while the test types.
UI_ENV="CERTWIZ_VERIFY=yes CERTWIZ_DNS_TIMEOUT=120"
to_domains

# --- an allowed name: no warning ------------------------------------------------
ui_type "www.cwtest.net"
ui_keys Enter
ui_check "the name is in the list" "1. www.cwtest.net"
ui_wait_gone "Checking CAA records" 30
ok $? "the CAA check ends"
s=$(ui_screen)
lacks "does not allow" "$s" "an allowed name has no CAA warning"
lacks "CAA not checked" "$s" "and the check did answer"

# --- a record for another CA, found by climbing ---------------------------------
ui_keys Down d
ui_check "d deletes it" "(no name yet)"
ui_type "sub.caa.cwtest.net"
ui_keys Enter
ui_check "the new name is in the list" "1. sub.caa.cwtest.net"
ui_check "a CAA warning under it" "CAA at caa.cwtest.net does not allow" 30
ui_until 10 shows_joined 'add the record caa.cwtest.net. CAA 0 issue "digicert.com"'
ok $? "the warning gives the record to add"
ui_check "and the CA it names" "letsencrypt.org"
ui_keys Tab Tab Enter
ui_check "a CAA warning does not stop Next" "Email *"
ui_keys Escape
ui_check "back on the domains" "1. sub.caa.cwtest.net"
ui_check "the warning is there again" "CAA at caa.cwtest.net does not allow" 30

# --- typing goes on while the check waits; Esc cancels it ------------------------
printf 'resolver = 127.0.0.4:%s\n' "$DNS_PORT" > "$cfg"
ui_type "shop.cwtest.net"
ui_keys Enter
ui_check "the check runs for the new list" "Checking CAA records"
ui_type "typed-while-checking"
ui_check "typing shows while it runs" "typed-while-checking"
ui_check "the check is still running" "Checking CAA records" 1
ui_keys Escape
ui_check "Esc cancels the check" "CAA check cancelled." 10
s=$(ui_screen)
has "Type a name and press Enter" "$s" "the first Esc stays on the domains"
has "typed-while-checking" "$s" "with what was typed"
ui_keys Escape
ui_check "the next Esc goes back" "Which certificate did you buy?"
ui_keys C-q
ui_check "quit asks" "Save the draft before leaving?"
ui_keys q
ui_check_exit 0 "the wizard ends"

# --- a resolver that never answers: only a quiet note ----------------------------
UI_ENV="CERTWIZ_VERIFY=yes CERTWIZ_DNS_TIMEOUT=1"
to_domains
ui_type "www.cwtest.net"
ui_keys Enter
ui_check "no answer: CAA not checked" "CAA not checked: no DNS answer from here." 30
lacks "lookup failed" "$(ui_screen)" "and no error about it"

# --- CERTWIZ_VERIFY=no: no check at all ------------------------------------------
UI_ENV="CERTWIZ_VERIFY=no"
printf 'resolver = 127.0.0.2:%s\n' "$DNS_PORT" > "$cfg"
to_domains
ui_type "sub.caa.cwtest.net"
ui_keys Enter
ui_check "the name is in the list" "1. sub.caa.cwtest.net"
s=$(ui_screen)
lacks "CAA" "$s" "CERTWIZ_VERIFY=no turns the check off"

done_testing
