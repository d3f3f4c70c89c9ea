#!/bin/sh
# Terminal test: a hang-up or SIGTERM while an RSA 4096 key is being made.
# The key job is stopped, no key file is left behind, the draft is saved
# at the CSR screen and the terminal is restored.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

# to_keygen: a free application up to the CSR screen, RSA 4096 chosen,
# the key being made (no passphrase).
to_keygen() {
	rm -rf "$apps_dir"
	ui_start
	ui_check "start" "What would you like to do?"
	ui_keys Enter
	ui_check "type" "Which certificate did you buy?"
	ui_keys Enter
	ui_check "domains" "Type a name and press Enter"
	ui_type "www.mysite.cn"
	ui_keys Enter
	ui_check "a name" "1. www.mysite.cn"
	ui_keys Tab Tab Enter
	ui_check "applicant" "Email *"
	ui_type "Li Lei"
	ui_keys Tab
	ui_type "+86 138 0013 8000"
	ui_keys Tab
	ui_type "li@example.com"
	ui_keys Tab Tab Tab Enter
	ui_check "the CSR screen" "> Generate here"
	ui_keys Tab Enter
	ui_check "the key types" "RSA 4096"
	ui_keys Down Down Down Down Enter
	ui_check "RSA 4096 chosen" "[RSA 4096"
	ui_keys Tab Tab Enter
	ui_check "a passphrase is asked" "A passphrase to encrypt the key"
	ui_keys Enter
	ui_check "the key is being made" "Making the key"
}

for sig in HUP TERM; do
	# A key can be finished between the screen saying so and the
	# signal: then both files are whole, and the run says nothing of a
	# signal during generation. Up to three tries.
	try=1
	while :; do
		to_keygen
		pid=$(ui_pid)
		id=$(ui_last_id)
		kill -"$sig" "$pid"
		case $sig in HUP) want=129 ;; TERM) want=143 ;; esac
		ui_check_exit "$want" "SIG$sig during key generation ends the wizard"
		ui_until 10 sh -c "! kill -0 $pid 2>/dev/null"
		ok $? "SIG$sig: the process is gone (the key job stopped)"
		[ $try -lt 3 ] && [ -s "$apps_dir/$id/csr.pem" ] &&
		    openssl pkey -noout -in "$apps_dir/$id/key.pem" \
		    2>/dev/null || break
		diag "the key was finished before SIG$sig came: again"
		try=$((try + 1))
	done
	[ ! -e "$apps_dir/$id/key.pem" ] && [ ! -e "$apps_dir/$id/csr.pem" ]
	ok $? "SIG$sig: no key or CSR was left behind"
	ls "$apps_dir/$id" | grep -q '^key' && diag "$(ls -la "$apps_dir/$id")"
	[ "$(ui_json "$id" 'j["screen"]')" = csr ]
	ok $? "SIG$sig: the draft was saved at the CSR screen"
	[ "$(ui_json "$id" 'j["csr"]["key_type"]')" = rsa-4096 ]
	ok $? "SIG$sig: with the key type chosen"
	ui_until 5 sh -c "tmux -L $ui_sock -f /dev/null capture-pane -p -S -100 -t w | grep -q 'tty: '"
	modes=$(ui_history | grep '^tty: ')
	has "icanon" "$modes" "SIG$sig: line editing is back"
	lacks "-echo" "$modes" "SIG$sig: echo is back"
done

# Esc stops the key job: the wizard stays, with no key written.
to_keygen
ui_keys Escape
ui_check "Esc stops the key" "Stopped: no key was written"
id=$(ui_last_id)
[ ! -e "$apps_dir/$id/key.pem" ]
ok $? "no key file after Esc"
ui_check "the wizard is still on the CSR screen" "[>] CSR"
done_testing
