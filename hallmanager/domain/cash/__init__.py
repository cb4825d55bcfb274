"""Cash handover (现金交接 / 营业款交接): till counts by denomination, over/short, handover
confirmation and reversals. Pure rules; money is integer fen throughout."""
