/* test-layout.c: how the rating screen shares its rows (layout.h), on the
 * sizes the issue names: one or two capabilities at 80x24 and 120x40. */
#include "config.h"

#include "check.h"
#include "layout.h"

/* What ui-panel.c counts for the summarization rubric of the tests: the
 * question on one line, three anchors on a line each. */
static const struct panel_needs one_cap = { 1 + 5, 1 + 1, { 4, 2, 1, 1 } };
/* Two capabilities, ten axes: capability titles, longer anchors. */
static const struct panel_needs two_caps = { 1 + 2 + 10, 1 + 2, { 8, 3, 2, 1 } };

TEST(a_roomy_screen_gets_the_full_panel_and_every_anchor)
{
	struct layout l;

	layout_compute(40, 120, &one_cap, false, &l);
	CHECK(!l.compact);
	CHECK_INT(l.detail_level, 0);
	CHECK_INT(l.panel_h, 10);
	CHECK_INT(l.panes_y, 1);
	CHECK_INT(l.panes_h, 28);
	CHECK_INT(l.panel_y, 29);
	CHECK_INT(l.status_y, 39);
	CHECK(l.wide);
	CHECK_INT(l.prompt_w, 59);
}

TEST(at_80x24_one_anchor_in_full_before_the_text_gives_rows)
{
	struct layout l;

	layout_compute(24, 80, &one_cap, false, &l);
	CHECK(!l.compact);
	CHECK_INT(l.detail_level, 1);
	CHECK_INT(l.detail_h, 2);
	CHECK(l.panes_h - 1 >= LAYOUT_TEXT_KEEP);
	CHECK(!l.wide);
}

TEST(ten_axes_at_80x24_compact_and_keep_twelve_lines_of_text)
{
	struct layout l;

	layout_compute(24, 80, &two_caps, false, &l);
	CHECK(l.compact);
	CHECK_INT(l.detail_level, 1);
	CHECK_INT(l.panel_h, 3 + 3);
	CHECK(l.panes_h - 1 >= 12);
	CHECK_INT(l.panes_h + l.panel_h, 22);
}

TEST(ten_axes_at_120x40_stay_a_row_each)
{
	struct layout l;

	layout_compute(40, 120, &two_caps, false, &l);
	CHECK(!l.compact);
	CHECK_INT(l.detail_level, 0);
	CHECK_INT(l.panel_h, 13 + 8);
}

TEST(the_smallest_screen_keeps_the_panes_header_and_two_lines)
{
	struct layout l;

	layout_compute(12, 40, &two_caps, false, &l);
	CHECK(l.compact);
	CHECK_INT(l.detail_level, 3);
	CHECK_INT(l.panes_h, 6);
	CHECK_INT(l.panel_h, 4);
	CHECK_INT(l.panel_y + l.panel_h, 11);
}

TEST(zoomed_the_panes_take_all_but_the_status_line)
{
	struct layout l;

	layout_compute(24, 80, &two_caps, true, &l);
	CHECK_INT(l.panes_y, 0);
	CHECK_INT(l.panes_h, 23);
	CHECK_INT(l.panel_h, 0);
	CHECK_INT(l.status_y, 23);
}

int
main(void)
{
	RUN(a_roomy_screen_gets_the_full_panel_and_every_anchor);
	RUN(at_80x24_one_anchor_in_full_before_the_text_gives_rows);
	RUN(ten_axes_at_80x24_compact_and_keep_twelve_lines_of_text);
	RUN(ten_axes_at_120x40_stay_a_row_each);
	RUN(the_smallest_screen_keeps_the_panes_header_and_two_lines);
	RUN(zoomed_the_panes_take_all_but_the_status_line);
	return check_exit();
}
