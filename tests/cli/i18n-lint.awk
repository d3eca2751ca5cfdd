# i18n-lint.awk: lines of C that hand a person-readable string literal to an
# output function without the catalogue (_() or N_()).  Prints FILE:LINE:
# TEXT for each.  A literal "reads" when it holds a word of two letters or
# more once format directives and escapes are taken out.
#
# Not every such line is a message: JSON keys, CSV headings, SQL, HTML tags
# and ids are machine formats and stay English.  Mark them, so a reader
# sees the choice was made:
#   a line holding the comment  /* machine */  is skipped;
#   so is every line between  /* machine: begin */  and  /* machine: end */.
FNR == 1 { region = 0 }
/\/\* machine: begin \*\// { region = 1 }
/\/\* machine: end \*\// { region = 0; next }
region || /\/\* machine \*\// { next }
{
	line = $0
	# Calls whose first argument, or whose argument after a stream, an
	# error list or a window, is the text a person reads.
	if (match(line, /(^|[^A-Za-z0-9_])(printf|puts|warnx_|die|errx|warnx)[ \t]*\([ \t]*"/) ||
	    match(line, /(^|[^A-Za-z0-9_])(fprintf|err_add|mvwprintw|wprintw|dprintf|text_printf)[ \t]*\([^,"()]*,[ \t]*"/) ||
	    match(line, /(^|[^A-Za-z0-9_])(err_at|mvprintw|snprintf_msg)[ \t]*\([^,"()]*,[^,"()]*,[ \t]*"/) ||
	    match(line, /(^|[^A-Za-z0-9_])(fputs|text_put|addstr|waddstr|addnstr)[ \t]*\([ \t]*"/) ||
	    match(line, /(^|[^A-Za-z0-9_])(mvwaddstr|mvwaddnstr|mvaddstr)[ \t]*\([^"()]*,[ \t]*"/)) {
		lit = substr(line, RSTART + RLENGTH - 1)
		# The literal itself, up to its closing quote.
		if (match(lit, /^"([^"\\]|\\.)*"/)) {
			lit = substr(lit, 2, RLENGTH - 2)
			gsub(/\\./, " ", lit)
			gsub(/%[-+ #0-9.*lhjztL]*[a-zA-Z]/, " ", lit)
			if (lit ~ /[A-Za-z][A-Za-z]/)
				printf "%s:%d: %s\n", FILENAME, FNR, $0
		}
	}
}
