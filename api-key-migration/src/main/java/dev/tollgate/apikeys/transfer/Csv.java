package dev.tollgate.apikeys.transfer;

import java.util.ArrayList;
import java.util.List;

/** Minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF. Enough for operator-made key lists. */
public final class Csv {

	private Csv() {
	}

	public static List<List<String>> parse(String text) {
		List<List<String>> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		boolean any = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					field.append(c);
				}
				continue;
			}
			switch (c) {
				case '"' -> {
					quoted = true;
					any = true;
				}
				case ',' -> {
					row.add(field.toString());
					field.setLength(0);
					any = true;
				}
				case '\r' -> {
				}
				case '\n' -> {
					if (any || field.length() > 0) {
						row.add(field.toString());
						rows.add(row);
					}
					row = new ArrayList<>();
					field.setLength(0);
					any = false;
				}
				default -> {
					field.append(c);
					any = true;
				}
			}
		}
		if (quoted) {
			throw new IllegalArgumentException("unterminated quoted field in CSV");
		}
		if (any || field.length() > 0) {
			row.add(field.toString());
			rows.add(row);
		}
		return rows;
	}

	public static String escape(String value) {
		if (value == null) {
			return "";
		}
		boolean needsQuotes = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
				|| value.indexOf('\r') >= 0;
		return needsQuotes ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
	}

}
