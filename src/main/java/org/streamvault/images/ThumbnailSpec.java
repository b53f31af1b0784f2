package org.streamvault.images;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * An events row's thumbnail inputs (SPEC §10, wubloader's columns): what {@link ThumbnailRenderer}
 * makes the video's thumbnail from.
 *
 * @param mode       NONE, BARE (the frame alone), TEMPLATE (the frame composed into a template) or
 *                   CUSTOM (an uploaded PNG)
 * @param timeMicros the frame's time, for BARE and TEMPLATE
 * @param template   the template's name, for TEMPLATE
 * @param crop       the part of the frame, for TEMPLATE ({@code null}: the template's own)
 * @param location   where it goes in the template, for TEMPLATE ({@code null}: the template's own)
 * @param image      the uploaded PNG, for CUSTOM
 */
public record ThumbnailSpec(String mode, String channel, String quality, Long timeMicros, String template, Box crop,
        Box location, byte[] image) {
    public static final List<String> MODES = List.of("NONE", "BARE", "TEMPLATE", "CUSTOM");

    /** The events columns {@link #read} needs, for a SELECT list. */
    public static final String COLUMNS = "thumbnail_mode::text AS thumbnail_mode, video_channel, video_quality,"
            + " thumbnail_time, thumbnail_template, thumbnail_crop, thumbnail_location, thumbnail_image";

    /**
     * The thumbnail inputs of the current row of {@code rs}, selected with {@link #COLUMNS}. The
     * image is {@code thumbnail_image}: the upload for CUSTOM, a saved copy of the rendered image
     * (or null) for BARE and TEMPLATE, as in wubloader.
     */
    public static ThumbnailSpec read(ResultSet rs) throws SQLException {
        LocalDateTime time = rs.getObject("thumbnail_time", LocalDateTime.class);
        Long micros = time == null ? null
                : time.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + time.getNano() / 1000;
        return new ThumbnailSpec(rs.getString("thumbnail_mode"), rs.getString("video_channel"),
                rs.getString("video_quality"), micros, rs.getString("thumbnail_template"),
                box(rs.getArray("thumbnail_crop")), box(rs.getArray("thumbnail_location")),
                rs.getBytes("thumbnail_image"));
    }

    private static Box box(Array array) throws SQLException {
        return array == null ? null : Box.of((Integer[]) array.getArray());
    }

    /** The same inputs without the saved image: what to render afresh. */
    public ThumbnailSpec withoutSavedImage() {
        return "CUSTOM".equals(mode) ? this : new ThumbnailSpec(mode, channel, quality, timeMicros, template, crop,
                location, null);
    }

    public boolean isNone() {
        return mode == null || "NONE".equals(mode);
    }
}
