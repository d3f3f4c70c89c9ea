# bash completion for certwiz: commands, options, application ids, types.

_certwiz_ids()
{
	local dir=${XDG_DATA_HOME:-$HOME/.local/share}/certwiz/applications
	[[ -d $dir ]] || return
	compgen -W "$(command ls -1 "$dir" 2>/dev/null)" -- "$1"
}

_certwiz_types()
{
	local ids
	ids=$(certwiz types --json 2>/dev/null |
		sed -n 's/^ *"id": *"\([^"]*\)".*/\1/p')
	compgen -W "$ids" -- "$1"
}

_certwiz()
{
	local cur prev cmd i
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	cmd=
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done

	case $prev in
	--type)
		COMPREPLY=($(_certwiz_types "$cur")); return ;;
	--backend)
		COMPREPLY=($(compgen -W "local cas" -- "$cur")); return ;;
	--format|-F)
		COMPREPLY=($(compgen -W "nginx apache pem pfx" -- "$cur")); return ;;
	--kind)
		COMPREPLY=($(compgen -W "single multi wildcard" -- "$cur"))
		return ;;
	--validation)
		COMPREPLY=($(compgen -W "dns file" -- "$cur")); return ;;
	--answers|--passphrase-file|--cacert|-o|--output|--key|--chain|--ca-file|--password-file)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--endpoint|--region|--profile|--domain|--passphrase-fd|--password-fd|--expiring)
		return ;;
	esac

	if [[ -z $cmd ]]; then
		COMPREPLY=($(compgen -W "resume list show delete types check
			template apply submit status verify withdraw reopen export renew
			account --help --version" -- "$cur"))
		return
	fi

	case $cmd in
	resume|show|delete|submit|status|withdraw|reopen|template)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--json --yes --help --backend
				--endpoint --cacert --region --profile --force -o"
				-- "$cur"))
		else
			COMPREPLY=($(_certwiz_ids "$cur"))
		fi ;;
	verify)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--wait --resolver --trust-anchor
				--ns-port --http-port --https-port --json --help"
				-- "$cur"))
		else
			COMPREPLY=($(_certwiz_ids "$cur"))
		fi ;;
	export|renew)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--format -o --force --key --chain
				--ca-file --password-file --password-fd
				--passphrase-file --passphrase-fd --reuse-key --submit
				--backend --endpoint --cacert --help" -- "$cur"))
		else
			COMPREPLY=($(_certwiz_ids "$cur"))
		fi ;;
	list|types)
		COMPREPLY=($(compgen -W "--json --expiring --help" -- "$cur")) ;;
	account)
		COMPREPLY=($(compgen -W "--json --profile --endpoint --cacert
			--region --help" -- "$cur")) ;;
	check)
		if [[ ${COMP_WORDS[COMP_CWORD-1]} == check ]]; then
			COMPREPLY=($(compgen -W "domain csr upload caa" -- "$cur"))
		elif [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--type --kind --validation
				--domain --resolver --trust-anchor --json --help"
				-- "$cur"))
		else
			COMPREPLY=($(compgen -f -- "$cur"))
		fi ;;
	apply)
		COMPREPLY=($(compgen -W "--answers --dry-run --json --backend
			--passphrase-file --passphrase-fd --help" -- "$cur")) ;;
	esac
}
complete -F _certwiz certwiz
