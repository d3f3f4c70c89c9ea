#!/bin/sh
# Write tests/screens/README from the golden captures beside it.
cd "$(dirname "$0")" || exit 1
{
cat <<'TXT'
The wizard's screens at 80x24
=============================

These are the golden captures the terminal tests compare the wizard with
(tests/ui/*.sh, under a private tmux server at 80x24, TERM=xterm-256color,
LC_ALL=C.UTF-8). The draft id, dates and the number of days of validity
(which depends on the date) are masked as XXXX-XXXX, YYYY-MM-DD HH:MM and
N. After an intended change of layout, run the tests once with
CERTWIZ_UPDATE_SCREENS=1 in the environment to write them again, read
the diff, and run ./mkreadme.sh to write this file again.

TXT
while read -r n t; do
	printf '%s (%s.txt)\n' "$t" "$n"
	printf '%s (%s.txt)\n' "$t" "$n" | sed 's/./-/g'
	echo
	sed 's/^/    /; s/ *$//' "$n.txt"
	echo
done <<'TXT'
start Start: new application, resume a draft, view applications
type Certificate type: the catalog, with what the highlighted type requires
domains Domains: an IDN-like input shown with the form sent to the CA
applicant Applicant: the fields of the field table, required ones marked *
company Company, for the professional (OV) type, filled in
csr CSR: the three modes and the explanation of the highlighted one
verification Verification: DNS or file
confirm Confirm: everything on one page, problems first
submitted Submitted, with the local backend: prepared here, how to send it later
applications Applications: drafts and applications with their state
resume certwiz resume ID after a hang-up: the same screen and values
TXT
} > README
