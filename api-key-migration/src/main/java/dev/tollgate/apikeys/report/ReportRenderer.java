package dev.tollgate.apikeys.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.tollgate.apikeys.store.RecordJson;
import dev.tollgate.apikeys.transfer.Csv;

/** Renders a {@link MigrationReport} as a text table, CSV (RFC 4180) or JSON. */
public final class ReportRenderer {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

	private static final String[] HEADERS = { "CLIENT", "OWNER", "KEYS", "KEY SHARE", "KEY CALLS", "OAUTH CALLS",
			"LAST KEY USE", "PHASE", "SUNSET", "STATUS", "CAN GO" };

	private ReportRenderer() {
	}

	/** Output formats. */
	public enum Format {

		TABLE, CSV, JSON;

		public static Format parse(String value) {
			try {
				return valueOf(value.trim().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("unknown report format '" + value + "' (table, csv, json)");
			}
		}

	}

	public static String render(MigrationReport report, Format format) {
		return switch (format) {
			case TABLE -> table(report);
			case CSV -> csv(report);
			case JSON -> json(report);
		};
	}

	public static String table(MigrationReport report) {
		List<String[]> lines = new ArrayList<>();
		lines.add(HEADERS);
		report.clients().forEach(r -> lines.add(cells(r)));
		int[] widths = new int[HEADERS.length];
		lines.forEach(cells -> {
			for (int i = 0; i < cells.length; i++) {
				widths[i] = Math.max(widths[i], cells[i].length());
			}
		});
		StringBuilder sb = new StringBuilder();
		sb.append("API-key migration report, ").append(report.days()).append(" days to ")
			.append(report.generatedAt()).append('\n');
		lines.forEach(cells -> {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < cells.length; i++) {
				line.append(String.format("%-" + widths[i] + "s", cells[i]));
				if (i < cells.length - 1) {
					line.append("  ");
				}
			}
			sb.append(line.toString().stripTrailing()).append('\n');
		});
		return sb.toString();
	}

	public static String csv(MigrationReport report) {
		StringBuilder sb = new StringBuilder(
				"client_id,owner,active_keys,key_share,key_calls,oauth_calls,last_key_use,phase,sunset,status,keys_that_can_go\r\n");
		for (ClientRow r : report.clients()) {
			sb.append(String.join(",", Csv.escape(r.clientId()), Csv.escape(r.owners()),
					Integer.toString(r.activeKeys()), String.format(Locale.ROOT, "%.4f", r.keyShare()),
					Long.toString(r.keyCalls()), Long.toString(r.oauthCalls()), iso(r.lastKeyUse()),
					(r.phase() != null) ? r.phase().tag() : "", iso(r.sunset()), r.status(),
					Csv.escape(String.join(" ", r.keysThatCanGo()))))
				.append("\r\n");
		}
		return sb.toString();
	}

	public static String json(MigrationReport report) {
		ObjectNode root = RecordJson.MAPPER.createObjectNode();
		root.put("generated_at", report.generatedAt().toString());
		root.put("days", report.days());
		ArrayNode clients = root.putArray("clients");
		for (ClientRow r : report.clients()) {
			ObjectNode n = clients.addObject();
			n.put("client_id", r.clientId());
			n.put("owner", r.owners());
			n.put("active_keys", r.activeKeys());
			n.put("key_share", Math.round(r.keyShare() * 10_000) / 10_000.0);
			n.put("key_calls", r.keyCalls());
			n.put("oauth_calls", r.oauthCalls());
			n.put("last_key_use", (r.lastKeyUse() != null) ? r.lastKeyUse().toString() : null);
			n.put("phase", (r.phase() != null) ? r.phase().tag() : null);
			n.put("sunset", (r.sunset() != null) ? r.sunset().toString() : null);
			n.put("status", r.status());
			ArrayNode canGo = n.putArray("keys_that_can_go");
			r.keysThatCanGo().forEach(canGo::add);
		}
		return RecordJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
	}

	private static String[] cells(ClientRow r) {
		return new String[] { r.clientId(), r.owners().isEmpty() ? "-" : r.owners(), Integer.toString(r.activeKeys()),
				String.format(Locale.ROOT, "%.1f%%", r.keyShare() * 100), Long.toString(r.keyCalls()),
				Long.toString(r.oauthCalls()), (r.lastKeyUse() != null) ? DAY.format(r.lastKeyUse()) : "never",
				(r.phase() != null) ? r.phase().tag() : "-", (r.sunset() != null) ? DAY.format(r.sunset()) : "-",
				r.status(), r.keysThatCanGo().isEmpty() ? "-" : String.join(" ", r.keysThatCanGo()) };
	}

	private static String iso(Instant instant) {
		return (instant != null) ? instant.toString() : "";
	}

}
