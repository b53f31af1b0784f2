package org.streamvault.sheetsync;

import java.util.Map;

/**
 * An {@code events} row as the sheet sync sees it.
 *
 * @param id          the row's id (any text, as wubloader's)
 * @param sheetValues {@code sheet_name} and every {@link SheetField} column, by column name
 * @param state       the row's state (UNEDITED, EDITED, ..., DONE)
 * @param videoLink   the published video, or null
 * @param error       why the last attempt failed, or null
 */
public record StoredEvent(String id, Map<String, Object> sheetValues, String state, String videoLink, String error) {
}
