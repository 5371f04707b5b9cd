/* gaz.c - lookups in the table gen_gaz wrote (gaz_data.c). */
#include "analysis/gaz.h"

const struct gaz_entry *
gaz_get(uint64_t h)
{
	uint32_t i = (uint32_t)h & gaz_mask, e;

	while ((e = gaz_slots[i]) != 0) {
		if (gaz_entries[e - 1].hash == h)
			return &gaz_entries[e - 1];
		i = (i + 1) & gaz_mask;
	}
	return 0;
}
