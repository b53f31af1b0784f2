package org.streamvault.sheetsync;

/** A1 notation, as the Sheets API names ranges: {@code 'Day 1'!A1:P}, {@code 'Day 1'!P12}. */
public final class A1 {
    private A1() {
    }

    /** 0 → A, 25 → Z, 26 → AA. */
    public static String column(int index) {
        StringBuilder s = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            s.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return s.toString();
    }

    /** A worksheet name, always quoted (a quote inside doubled), so spaces and digits are safe. */
    public static String sheet(String name) {
        return "'" + name.replace("'", "''") + "'";
    }

    public static String cell(String worksheet, int row, int column) {
        return sheet(worksheet) + "!" + column(column) + row;
    }

    /** Columns A to {@code lastColumn} of every row. */
    public static String columns(String worksheet, int lastColumn) {
        return sheet(worksheet) + "!A1:" + column(lastColumn);
    }
}
