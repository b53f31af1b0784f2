package org.streamvault.cut;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The filter graphs of joined clips, as ffmpeg reads them (the matrix tests run them). */
class JoinGraphTest {
    /** 3 s, 2 s and 4 s clips on the 90 kHz clock. */
    private static final List<JoinGraph.Clip> CLIPS = List.of(new JoinGraph.Clip(0, 90_000, 360_000),
            new JoinGraph.Clip(1, 900_000, 1_080_000), new JoinGraph.Clip(2, 0, 360_000));

    @Test
    void aFadeStartsItsLengthBeforeTheEndOfWhatCameBeforeAndAHardCutConcatenates() {
        String graph = JoinGraph.build(CLIPS, Arrays.asList(new JoinGraph.Join("fade", 90_000), null), true, true, false,
                -1, -1);

        assertThat(graph.split(";")).contains(
                "[0:v:0]trim=start=0.999994:end=3.999994,setpts=PTS-STARTPTS[v0]",
                "[1:a:0]atrim=start=9.999994:end=11.999994,asetpts=PTS-STARTPTS[a1]",
                // 3 s so far, a 1 s fade: from 2 s on
                "[v0][v1]xfade=transition=fade:duration=1.000000:offset=2.000000[vj1]",
                "[a0][a1]acrossfade=d=1.000000:c1=tri:c2=tri[aj1]",
                // concat answers in microseconds; xfade would refuse to mix it with 1/90000
                "[vj1][v2]concat=n=2:v=1:a=0,settb=1/90000[vj2]",
                "[aj1][a2]concat=n=2:v=0:a=1[aj2]",
                "[vj2]null[v]", "[aj2]anull[a]");
    }

    @Test
    void secondTransitionsOffsetCountsTheFirstOnesOverlap() {
        String graph = JoinGraph.build(CLIPS, List.of(new JoinGraph.Join("fade", 90_000),
                new JoinGraph.Join("wipeleft", 45_000)), true, false, false, -1, -1);

        // 3 + 2 - 1 = 4 s so far, a 0.5 s wipe
        assertThat(graph).contains("[vj1][v2]xfade=transition=wipeleft:duration=0.500000:offset=3.500000[vj2]")
                .doesNotContain(":a:0]");
    }

    @Test
    void aBlockPutsTheAudioAheadOfItsFirstKeyframeInFrontAndSetsItsClock() {
        String graph = JoinGraph.build(CLIPS.subList(0, 2), List.of(new JoinGraph.Join("fade", 90_000)), true, true, true,
                126_000, 120_000);

        assertThat(graph.split(";")).contains("[0:a:0]atrim=end=0.999994,asetpts=PTS-STARTPTS[alead]",
                "[aj1]anull[amain]", "[alead][amain]concat=n=2:v=0:a=1,asetpts=PTS+1.333333/TB[a]",
                "[vj1]setpts=PTS+1.400000/TB[v]");
    }
}
