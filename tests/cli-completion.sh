#!/bin/sh
# The bash completion script: commands, options, application ids, types.
. "$top_srcdir/tests/lib.sh"

if ! command -v bash >/dev/null 2>&1; then
	echo "1..0 # SKIP no bash"
	exit 0
fi
mkdir -p "$TEST_TMP/bin" "$HOME/.local/share/certwiz/applications/abcd-2345"
ln -s "$CERTWIZ" "$TEST_TMP/bin/certwiz"

complete_words() {	# complete_words WORD...: what TAB offers for the last
	PATH="$TEST_TMP/bin:$PATH" bash -c '
		complete() { :; }
		. "$1/data/certwiz.bash"
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		_certwiz
		printf "%s\n" "${COMPREPLY[@]}"' bash "$top_srcdir" "$@"
}

r=$(complete_words certwiz li)
[ "$r" = list ]
ok $? "a command completes (li -> list)"
r=$(complete_words certwiz acc)
[ "$r" = account ]
ok $? "account completes ($r)"
r=$(complete_words certwiz account --pro)
[ "$r" = --profile ]
ok $? "and its options ($r)"
r=$(complete_words certwiz show ab)
[ "$r" = abcd-2345 ]
ok $? "an application id completes"
r=$(complete_words certwiz check domain --type f)
[ "$r" = free ]
ok $? "a type name completes from the catalog ($r)"
r=$(complete_words certwiz check "")
has "upload" "$r" "check offers its subjects"
r=$(complete_words certwiz list --j)
[ "$r" = --json ]
ok $? "an option completes"
done_testing
