package org.streamvault.cut;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The streams of a media file as ffprobe reports them, in index order, and the MPEG-TS program
 * around them: enough to re-encode a segment with the codecs and packet ids it already has, so
 * the result joins the untouched segments next to it, and to know whether there is audio at all.
 *
 * @param pmtPid    the PID of the program map table, or -1 when ffprobe gave none
 * @param serviceId the program number, or -1
 * @param frameTicks how long a frame lasts in 90 kHz ticks: a video frame, or without video an
 *                   AAC frame (1024 samples); 0 when unknown
 */
record MediaStreams(List<Stream> streams, int pmtPid, int serviceId, long frameTicks) {

    /**
     * One stream: its index in the file, {@code video}/{@code audio}/{@code data}/..., codec name,
     * and its MPEG-TS PID ({@code -1} when unknown).
     */
    record Stream(int index, String type, String codec, int pid) {
    }

    boolean has(String type) {
        return first(type).isPresent();
    }

    Optional<Stream> first(String type) {
        return streams.stream().filter(s -> s.type().equals(type) && !s.codec().isEmpty()).findFirst();
    }

    /**
     * Parses {@code ffprobe -show_entries stream=index,codec_type,codec_name,id,r_frame_rate,sample_rate:program=program_num,pmt_pid
     * -of default=noprint_wrappers=1} output: {@code key=value} lines, a new stream at each
     * {@code index=} line. MPEG-TS files list each stream twice (under its program, then alone);
     * the first of each index is kept.
     */
    static MediaStreams parse(String text) {
        List<Stream> out = new ArrayList<>();
        int index = -1;
        String type = "";
        String codec = "";
        int pid = -1;
        int pmtPid = -1;
        int serviceId = -1;
        long videoFrame = 0;
        long audioFrame = 0;
        for (String line : (text + "\nindex=-1").split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            switch (key) {
                case "index" -> {
                    int done = index;
                    if (done >= 0 && out.stream().noneMatch(s -> s.index() == done)) {
                        out.add(new Stream(done, type, codec, pid));
                    }
                    index = Integer.parseInt(value);
                    type = "";
                    codec = "";
                    pid = -1;
                }
                case "codec_type" -> type = value;
                case "codec_name" -> codec = value;
                case "id" -> pid = number(value);
                case "pmt_pid" -> pmtPid = pmtPid < 0 ? number(value) : pmtPid;
                case "program_num" -> serviceId = serviceId < 0 ? number(value) : serviceId;
                case "r_frame_rate" -> videoFrame = videoFrame == 0 && "video".equals(type) ? frameTicks(value) : videoFrame;
                case "sample_rate" -> audioFrame = audioFrame == 0 && number(value) > 0
                        ? 1024 * MpegTs.CLOCK / number(value) : audioFrame;
                default -> {
                    // other entries are not needed
                }
            }
        }
        return new MediaStreams(List.copyOf(out), pmtPid, serviceId, videoFrame > 0 ? videoFrame : audioFrame);
    }

    /** {@code 30/1} as 90 kHz ticks per frame (3000), 0 when it is not a rate. */
    private static long frameTicks(String rate) {
        String[] nd = rate.split("/");
        try {
            long num = Long.parseLong(nd[0]);
            long den = nd.length > 1 ? Long.parseLong(nd[1]) : 1;
            return num > 0 && den > 0 ? Math.round(MpegTs.CLOCK * (double) den / num) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int number(String text) {
        try {
            return text.startsWith("0x") ? Integer.parseInt(text.substring(2), 16) : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
