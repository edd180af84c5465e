#pragma once
// The tuning constants of card finding (quad_*.cpp, card_selection.cpp), in
// one place, each with the reason for its value. Internal to capture/.
// Lengths are in pixels of the reduced copy outlines are searched in
// (CaptureOptions::detect_max_side), fractions of a side's length or of an
// area unless said otherwise; angles in degrees.

#include <array>
#include <cstddef>

namespace cardscan::capture::tuning {

// --- Geometry (quad_geometry.cpp) ---------------------------------------

// A card seen at up to ~40° of tilt keeps its corners within this of square.
constexpr double kMaxCornerSkewDeg = 35.0;
// Opposite sides of a card under moderate perspective differ by less than this ratio.
constexpr double kMinOppositeSideRatio = 0.6;
// Sides shorter than this cannot be measured, let alone read.
constexpr double kMinQuadSide = 8;
// A side lies on the picture's border within this margin, or 1% of the
// shorter image side when that is more (the frame's own edge is not a card's).
constexpr double kFrameMargin = 2.5;
constexpr double kFrameMarginOfShortSide = 0.01;

// --- Edge evidence (edge_evidence.cpp) ----------------------------------

// The colour gradient is scaled by this into 8 bits for its histogram and
// the edge maps (Sobel responses are small in Lab units).
constexpr double kMagnitudeTo8Bit = 4.0;
// An edge is a gradient well above this image's typical texture (its median
// magnitude times kEdgeOverMedian / 4, in 8-bit units), but a faint rim (a
// white card on a white scanner bed) must still count: never below kMinEdge.
constexpr double kEdgeOverMedian = 3.0;
constexpr double kMinEdge = 0.75;
// Too short a side to sample along.
constexpr double kMinSampledSide = 4;
// Samples along a side skip this much of it at each end: corners are rounded.
constexpr double kSupportEndSkip = 0.06;
constexpr double kStepEndSkip = 0.08;
// Support samples one per this many pixels, within these bounds.
constexpr int kSupportPixelsPerSample = 3;
constexpr int kMinSupportSamples = 16, kMaxSupportSamples = 64;
// An edge point may lie this many pixels either side of the sampled side.
constexpr int kSupportSlack = 2;
// Gradient direction within ~37° of the side's normal: an edge running along the side.
constexpr double kSupportAlignment = 0.8;
// Samples of the colour step across a side.
constexpr int kStepSamples = 32;
// A colour step (Lab L1 distance, 8-bit units) that separates two surfaces.
constexpr int kMinColourStep = 12;
// The step is read this many pixels either side of a side; it counts as
// kStepWeight of a clear edge (a soft edge is less sure than a sharp one).
constexpr double kStepReach = 4.0;
constexpr double kStepWeight = 0.9;
// Parallels beside a side are this far apart (at least kMinParallelStep):
// beyond blur and JPEG ringing, within a card's margin.
constexpr double kParallelStep = 0.025;
constexpr double kMinParallelStep = 4.0;
// Only parallel edges at least this fraction of the side's own typical
// strength count as texture beside it.
constexpr double kParallelStrength = 0.5;

// --- Proposals (quad_proposals.cpp) -------------------------------------

// A region filling more of the picture than this is the ground, not a card.
constexpr double kMaxRegionOfImage = 0.995;
// Outline simplification before reducing to four sides (pixels).
constexpr double kHullSimplify = 1.5;
// A region must fill this much of its enclosing quad to be a filled card
// (not a leak around an object, a pen, a diagonal stripe).
constexpr double kMinRegionFill = 0.75;
// Segmentations keep regions down to this fraction of the smallest card:
// refinement and the rim may still grow them to a card's size.
constexpr double kSegmentMinArea = 0.7;
// Edge-closed regions lose the dilated edges around them: a little more slack.
constexpr double kEdgeRegionMinArea = 0.6;
// Chroma spread (Lab units) below which a colour split would only split noise.
constexpr double kMinChromaSpread = 12;
// The ground's colour is sampled in a band this fraction of the shorter side
// wide along the frame, at least kMinGroundBand pixels.
constexpr int kGroundBandDivisor = 40;
constexpr int kMinGroundBand = 2;
// The ground is quiet when 90% of its band lies within this colour distance
// of its median: only then faint marks and long straight edges are trusted
// (on wood or ruled paper the grain makes outlines).
constexpr double kQuietGround = 8;
// A faint mark stands this far above the quiet ground's noise (and at least kMinMark).
constexpr double kMarkOverNoise = 2.0;
constexpr double kMinMark = 3.0;
// Faint marks are closed into one blob over this fraction of the shorter side.
constexpr int kMarkCloseDivisor = 100;
// Edge maps at these multiples of the edge threshold: faint rims and touching cards.
constexpr std::array<double, 3> kEdgeSensitivities = {1.0, 2.0, 4.0};
// The most sensitive edge map covering less than this of the picture is not
// mostly texture, and straight edges are taken from it.
constexpr double kMaxEdgeCover = 0.04;
// Straight edges kept, half along the main direction, half across it.
constexpr int kStraightEdgesKept = 30;
// Hough pieces: threshold at least kMinHoughVotes, pieces joined over gaps of kHoughGap.
constexpr int kMinHoughVotes = 20;
constexpr double kHoughGap = 6;
// Pieces shorter than kShortPiece have uncertain angles: they join a line
// within kShortPieceAngleDeg, longer ones within kLongPieceAngleDeg; either
// must have both ends within kCollinear pixels of the line.
constexpr double kShortPiece = 60;
constexpr double kShortPieceAngleDeg = 10.0, kLongPieceAngleDeg = 2.5;
constexpr double kCollinear = 3;
// Covered stretches of a line closer than this merge (a rim broken by dashes).
constexpr double kSpanGap = 8;
// Opposite sides of a line quad within this angle; adjacent ones at least kAcrossDeg apart.
constexpr double kParallelDeg = 20, kAcrossDeg = 55;
// Corners of a line quad may lie this fraction of the picture outside it.
constexpr double kCornerOutside = 0.05;
// A line quad's sides are covered at least kMinSideCover each, kMinCoverSum in all.
constexpr double kMinSideCover = 0.4, kMinCoverSum = 2.6;
// Line quads kept, best covered first.
constexpr std::size_t kLineQuadsKept = 60;
// An edge pair's lines: mostly covered (a rim broken by glare) above this,
// parallel within kEdgePairDeg, of lengths within kEdgePairLengths, and
// ending together within kEdgePairEnds of their length.
constexpr double kMostlyCovered = 0.7;
constexpr double kEdgePairDeg = 3, kEdgePairLengths = 0.9, kEdgePairEnds = 0.04;
// The smallest card's short side, from its area: sqrt(area / kSquattestCard).
constexpr double kSquattestCard = 2.2;
// Two-panel cards: unions of the largest kPanelParts regions, overlapping by
// at most kPanelOverlap of the smaller (else the same region twice), filling
// kPanelHullFill of their hull and kPanelQuadFill of its enclosing quad.
constexpr std::size_t kPanelParts = 40;
constexpr double kPanelOverlap = 0.2, kPanelHullFill = 0.92, kPanelQuadFill = 0.9;

// --- Refinement and scoring (quad_scoring.cpp) --------------------------

// Sides are snapped within this fraction of the reduced picture's long
// side (at least kMinSnapReach pixels), then again within half of it.
constexpr double kSnapReachDivisor = 150.0;
constexpr double kMinSnapReach = 3.0;
// Too short a side to refit.
constexpr double kMinSnappedSide = 8;
// Snapping samples one per this many pixels, within these bounds.
constexpr int kSnapPixelsPerSample = 4;
constexpr int kMinSnapSamples = 12, kMaxSnapSamples = 48;
// Of alike edges the nearer wins: strength falls by up to this over the reach.
constexpr double kSnapDistancePenalty = 0.3;
// Gradient direction within ~32° of the side's normal.
constexpr double kSnapAlignment = 0.85;
// A side is refit through at least kMinSnapPoints points, a third of its samples.
constexpr int kMinSnapPoints = 6;
// A refit side turning more than this is another edge, not the same one.
constexpr double kMaxSnapTurnDeg = 8.0;
// A corner moving more than kSnapCornerReach times the reach (plus
// kSnapCornerSlack pixels) went to another object.
constexpr double kSnapCornerReach = 3, kSnapCornerSlack = 4;
// One side may vanish in glare or against a ground of the card's colour when
// the second weakest has kClearSide: it is then taken as kMinWeakest.
constexpr double kClearSide = 0.75;
// An outline's weakest side needs kMinWeakest, the mean kMinSupport.
constexpr double kMinWeakest = 0.35, kMinSupport = 0.6;
// Sides on the frame count as support, so the frame itself would pass: at
// most kMaxFrameSides of them.
constexpr int kMaxFrameSides = 2;
// Score weights: mean side evidence, weakest side, penalty per frame side.
constexpr double kSupportWeight = 0.75, kWeakestWeight = 0.25, kFrameSidePenalty = 0.05;
// An edge pair's stronger pair needs this; it scores kEdgePairWeight of it,
// below any outline with more sides seen.
constexpr double kMinEdgePair = 0.75, kEdgePairWeight = 0.5;

// --- Selection (card_selection.cpp) -------------------------------------

// Two outlines of one object: the smaller lies this much inside the larger
// (the same fraction makes an outline inside another)...
constexpr double kMostlyInside = 0.85;
// ...and is at least this fraction of its size (else it is a part or a card on a sheet).
constexpr double kSameObjectSize = 0.6;
// Of one object's outlines the larger is kept while its score is within this of the best.
constexpr double kPreferLarger = 0.08;
// Two outlines inside another are two cards (so the outer one a sheet) when
// of sizes within kCardsAlike, overlapping less than kCardsDisjoint of the
// smaller, and scoring at most kContainerMargin below the outer one.
constexpr double kCardsAlike = 0.5, kCardsDisjoint = 0.1, kContainerMargin = 0.1;
// Outlines on at least this many frame sides show only a corner of something.
constexpr int kCornerOnlyFrameSides = 2;
// Partial overlap above this fraction of the smaller: one object, the better kept.
constexpr double kClash = 0.15;
// Outlines from straight edges alone may touch a region's card by this much.
constexpr double kExtraOverlap = 0.05;
// Below this aspect an outline may be a paper sheet (A4 1.41, US letter 1.29;
// cards are ISO 1.59, US 1.75, the squattest common ones 1.5).
constexpr double kSheetAspect = 1.5;
// Cards of one shot are of similar size: far smaller outlines (below this
// fraction of the largest) are print, stickers or clutter.
constexpr double kMinCardOfLargest = 0.3;
// Print inside and around is read for at most this many outlines: more of
// like size are a sheet or table of cards, not parts of one card.
constexpr std::size_t kMaxPrintChecked = 2;
// Beside a printed part, an outline with fewer letters inside is a part too.
constexpr int kMinLettersOfCard = 10;
// A card on a desk has next to no print around it (a stray mark, another
// object's lettering); an outline on a close-up of a card has the rest of
// the card's print around it, about as much as inside or more. At most this
// share of the letters inside may lie around an outline standing for a card
// where the regions found only printed parts (keep_on_plain_ground).
constexpr double kMaxPrintAround = 0.25;
// Print is read on a gray copy of at most this long side (pixels of the
// source): a card's small print keeps a few pixels of height.
constexpr int kPrintViewSide = 1600;

// --- Sheet gaps (sheet_gaps.cpp) -----------------------------------------

// Print differs from a sheet's bed by this much lightness (0..255) or has
// this much saturation: small type and pale rules on a white bed do.
constexpr int kPrintContrast = 40;
constexpr int kPrintSaturation = 70;
// A found card's rim and shadow reach this fraction of its short side past
// its outline.
constexpr double kFoundCardMargin = 0.04;
// Words and marks of one card are gathered across gaps up to this fraction
// of a card's short side: a card's widest blank between lines of print
// (the space between a name block and the contact lines under it; 0.25
// left a white card's contact lines out of its patch). Found cards are
// blanked with their margin first, so a neighbour's print is not reached.
constexpr double kPrintGatherReach = 0.4;
// A patch of print is a missed card when its rectangle is between these
// fractions of the cards' median area: a card's print spans most of it; a
// stamp or note is smaller, the bed's shading across cards larger.
constexpr double kMinPatchOfCard = 0.25;
constexpr double kMaxPatchOfCard = 1.3;
// The patch is widened by this fraction of a card's short side each way:
// the blank margin a card keeps around its print.
constexpr double kPatchMargin = 0.06;

}  // namespace cardscan::capture::tuning
