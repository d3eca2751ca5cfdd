/* text.h: text from files, made safe and measured for printing on a terminal
 * outside the rating screen (lists, tables, messages). */
#ifndef PANELIST_TEXT_H
#define PANELIST_TEXT_H

/* A copy of s with every control character (C0, DEL, C1) and every invalid
 * byte replaced by visible notation, newlines and tabs becoming spaces. */
char *text_inert(const char *s);
/* Display width of UTF-8 text in terminal cells. */
int text_width(const char *s);

#endif
