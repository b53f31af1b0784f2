package org.streamvault.cut;

import java.util.List;

/**
 * The transitions a cut can make between two ranges: ffmpeg's {@code xfade} transitions (as
 * ffmpeg 5.1 has them, {@code ffmpeg -h filter=xfade}) except {@code custom}, which needs an
 * expression of its own. The descriptions are for the editor's list.
 */
public final class TransitionTypes {
    /** A transition's ffmpeg name and what a viewer sees. */
    public record Type(String name, String description) {
    }

    private static final List<Type> ALL = List.of(
            new Type("fade", "Cross-fade: the first clip dissolves evenly into the second"),
            new Type("wipeleft", "The second clip wipes in from the right edge towards the left"),
            new Type("wiperight", "The second clip wipes in from the left edge towards the right"),
            new Type("wipeup", "The second clip wipes in from the bottom upwards"),
            new Type("wipedown", "The second clip wipes in from the top downwards"),
            new Type("slideleft", "The first clip slides out to the left, pushed by the second"),
            new Type("slideright", "The first clip slides out to the right, pushed by the second"),
            new Type("slideup", "The first clip slides out upwards, pushed by the second"),
            new Type("slidedown", "The first clip slides out downwards, pushed by the second"),
            new Type("circlecrop", "The first clip shrinks to a circle and the second grows from one"),
            new Type("rectcrop", "The first clip shrinks to a rectangle and the second grows from one"),
            new Type("distance", "A blend by colour distance, brighter areas changing first"),
            new Type("fadeblack", "Fade through black"),
            new Type("fadewhite", "Fade through white"),
            new Type("radial", "A clock-hand sweep around the centre reveals the second clip"),
            new Type("smoothleft", "A soft-edged wipe moving to the left"),
            new Type("smoothright", "A soft-edged wipe moving to the right"),
            new Type("smoothup", "A soft-edged wipe moving upwards"),
            new Type("smoothdown", "A soft-edged wipe moving downwards"),
            new Type("circleopen", "A circle opening from the centre reveals the second clip"),
            new Type("circleclose", "A circle closing onto the centre reveals the second clip"),
            new Type("vertopen", "Two vertical doors open from the centre onto the second clip"),
            new Type("vertclose", "Two vertical doors close from the sides onto the second clip"),
            new Type("horzopen", "Two horizontal doors open from the centre onto the second clip"),
            new Type("horzclose", "Two horizontal doors close from top and bottom onto the second clip"),
            new Type("dissolve", "Random pixels switch over to the second clip"),
            new Type("pixelize", "The picture turns into big pixels and back, into the second clip"),
            new Type("diagtl", "A diagonal wipe from the top-left corner"),
            new Type("diagtr", "A diagonal wipe from the top-right corner"),
            new Type("diagbl", "A diagonal wipe from the bottom-left corner"),
            new Type("diagbr", "A diagonal wipe from the bottom-right corner"),
            new Type("hlslice", "Horizontal slices flip over to the second clip, right to left"),
            new Type("hrslice", "Horizontal slices flip over to the second clip, left to right"),
            new Type("vuslice", "Vertical slices flip over to the second clip, bottom to top"),
            new Type("vdslice", "Vertical slices flip over to the second clip, top to bottom"),
            new Type("hblur", "A horizontal blur out of the first clip into the second"),
            new Type("fadegrays", "Fade through a greyscale picture"),
            new Type("wipetl", "The second clip wipes in towards the top-left corner"),
            new Type("wipetr", "The second clip wipes in towards the top-right corner"),
            new Type("wipebl", "The second clip wipes in towards the bottom-left corner"),
            new Type("wipebr", "The second clip wipes in towards the bottom-right corner"),
            new Type("squeezeh", "The first clip is squeezed away horizontally"),
            new Type("squeezev", "The first clip is squeezed away vertically"),
            new Type("zoomin", "Zoom into the first clip while fading to the second"),
            new Type("fadefast", "Cross-fade that changes quickly early on"),
            new Type("fadeslow", "Cross-fade that changes slowly early on"));

    private TransitionTypes() {
    }

    /** Every transition, in ffmpeg's order. */
    public static List<Type> all() {
        return ALL;
    }

    public static boolean isKnown(String name) {
        return name != null && ALL.stream().anyMatch(t -> t.name().equals(name));
    }
}
