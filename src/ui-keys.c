/* ui-keys.c: the action table made into key bindings, help and the manual.
 *
 * UI_ACTIONS (ui-internal.h) holds each action once with its keys written as
 * text ("PgDn Space", "0-9", "C-l"); keys_init() reads that text with the
 * same parser a user configuration would go through, so what the help
 * screen says is what the keys do. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-internal.h"

struct action_def {
	const char	*keys;
	const char	*help;
};

#define UI_ACTION_DEF(name, keys, help) { keys, help },
static const struct action_def actions[ACT__COUNT] = {
	{ "", "" },	/* ACT_NONE */
	UI_ACTIONS(UI_ACTION_DEF)
};
#undef UI_ACTION_DEF

struct binding {
	int		 key;
	enum ui_action	 action;
};

#define MAX_BINDINGS	96
static struct binding	bindings[MAX_BINDINGS];
static size_t		n_bindings;

/* Names for keys that are not a character of their own. */
static const struct {
	const char	*name;
	int		 keys[3];	/* 0-terminated */
} named_keys[] = {
	{ "Up", { UI_KEYCODE | KEY_UP } },
	{ "Down", { UI_KEYCODE | KEY_DOWN } },
	{ "Left", { UI_KEYCODE | KEY_LEFT } },
	{ "Right", { UI_KEYCODE | KEY_RIGHT } },
	{ "S-Left", { UI_KEYCODE | KEY_SLEFT } },
	{ "S-Right", { UI_KEYCODE | KEY_SRIGHT } },
	{ "PgUp", { UI_KEYCODE | KEY_PPAGE } },
	{ "PgDn", { UI_KEYCODE | KEY_NPAGE } },
	{ "Home", { UI_KEYCODE | KEY_HOME } },
	{ "End", { UI_KEYCODE | KEY_END } },
	{ "Del", { UI_KEYCODE | KEY_DC } },
	{ "Backspace", { UI_KEYCODE | KEY_BACKSPACE, 0x7f, 0x08 } },
	{ "Tab", { '\t' } },
	{ "Enter", { '\r', '\n', UI_KEYCODE | KEY_ENTER } },
	{ "Space", { ' ' } },
	{ "Esc", { UI_KEY_ESC } },
};

static void
add_binding(int key, enum ui_action action)
{
	if (n_bindings == MAX_BINDINGS) {
		fputs("panelist: too many key bindings (MAX_BINDINGS)\n", stderr);	/* machine */
		abort();
	}
	bindings[n_bindings].key = key;
	bindings[n_bindings].action = action;
	n_bindings++;
}

/* One word of a key list: a name, "C-x" (control), "a-b" (a range of
 * characters) or one character.  Returns false when it means nothing. */
static bool
bind_word(const char *w, size_t len, enum ui_action action)
{
	size_t i, k;
	int c;

	for (i = 0; i < nitems(named_keys); i++) {
		if (strlen(named_keys[i].name) == len && strncmp(named_keys[i].name, w, len) == 0) {
			for (k = 0; k < nitems(named_keys[i].keys) && named_keys[i].keys[k]; k++)
				add_binding(named_keys[i].keys[k], action);
			return true;
		}
	}
	if (len == 3 && w[0] == 'C' && w[1] == '-' && w[2] >= 'a' && w[2] <= 'z') {
		add_binding(w[2] & 0x1f, action);
		return true;
	}
	if (len == 3 && w[1] == '-' && w[0] < w[2]) {
		for (c = (unsigned char)w[0]; c <= (unsigned char)w[2]; c++)
			add_binding(c, action);
		return true;
	}
	if (len == 1 && (unsigned char)w[0] > ' ' && (unsigned char)w[0] < 0x7f) {
		add_binding((unsigned char)w[0], action);
		return true;
	}
	return false;
}

/* A space-separated key list, as UI_ACTIONS writes them. */
static bool
bind_keys(const char *spec, enum ui_action action)
{
	const char *p = spec, *end;

	while (*p != '\0') {
		while (*p == ' ')
			p++;
		for (end = p; *end != '\0' && *end != ' '; end++)
			;
		if (end > p && !bind_word(p, (size_t)(end - p), action))
			return false;
		p = end;
	}
	return true;
}

void
keys_init(void)
{
	int a;

	n_bindings = 0;
	for (a = ACT_NONE + 1; a < ACT__COUNT; a++) {
		if (!bind_keys(actions[a].keys, (enum ui_action)a)) {
			/* The table is compiled in: a bad entry is a bug. */
			fprintf(stderr, "panelist: bad key list '%s'\n", actions[a].keys);	/* machine */
			abort();
		}
	}
}

enum ui_action
keys_action(int key)
{
	size_t i;

	for (i = 0; i < n_bindings; i++) {
		if (bindings[i].key == key)
			return bindings[i].action;
	}
	return ACT_NONE;
}

/* The keys of the one-line editor and the flag menu, which are modes of
 * their own rather than actions. */
static const char *const line_keys[][2] = {
	{ "Left Right", N_("move by one character") },
	{ "Home End", N_("go to the start or the end (also C-a, C-e)") },
	{ "Backspace Del", N_("delete the character before or under the cursor") },
	{ "C-u", N_("delete everything before the cursor") },
	{ "Enter", N_("save") },
	{ "Esc", N_("cancel, leaving what was saved before") },
};

void
keys_help(struct buf *b)
{
	size_t i;
	int a;

	buf_addstr(b, _("This help scrolls: Up and Down (or j and k, J and K) by a line, "
	    "PgUp and PgDn (or b and Space) by a page, Home and End to either end; "
	    "q, Esc or ? closes it."));
	buf_addstr(b, "\n\n");
	buf_addstr(b, _("Keys"));
	buf_addstr(b, "\n\n");
	/* The key names are ASCII: a byte width lines the texts up. */
	for (a = ACT_NONE + 1; a < ACT__COUNT; a++)
		buf_printf(b, "  %-14s %s\n", actions[a].keys, _(actions[a].help));
	buf_addstr(b, "\n");
	buf_addstr(b, _("In the note, the flag's reason, the item number and the search:"));
	buf_addstr(b, "\n\n");
	for (i = 0; i < nitems(line_keys); i++)
		buf_printf(b, "  %-14s %s\n", line_keys[i][0], _(line_keys[i][1]));
	buf_addstr(b, "\n");
	buf_addstr(b, _("In the flag menu: a digit 1-4 chooses at once; the arrows move "
	    "the highlight and Enter chooses it; 0 clears the flag, Esc cancels."));
	buf_addstr(b, "\n\n");
	buf_addstr(b, _("In the rubric view (r) and zoomed (z), the rating keys work as always, and "
	    "the scrolling keys scroll what is shown."));
	buf_addstr(b, "\n\n");
	buf_addstr(b, _("Every score, note and flag is saved the moment it is shown."));
	buf_addstr(b, "\n\n");
	buf_addstr(b, _("q, Esc or ? closes this help."));
	buf_addstr(b, "\n");
}

void
ui_keys_print(FILE *f)
{
	int a;

	for (a = ACT_NONE + 1; a < ACT__COUNT; a++)
		fprintf(f, "%s\t%s\n", actions[a].keys, _(actions[a].help));
}
