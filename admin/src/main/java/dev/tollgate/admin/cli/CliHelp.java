package dev.tollgate.admin.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code keys} commands and their help texts: one place for {@code --help}, usage errors and the docs. */
final class CliHelp {

	/** A command's synopsis (after {@code keys}), what it does, and whether it needs a store. */
	record Command(String synopsis, String description, boolean needsStore) {
	}

	static final String STORE = "(--redis URL [--prefix tollgate] | --file PATH)";

	static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

	static {
		add("issue", "--client ID [--scopes \"a b\"] [--routes \"r1 r2\"] [--owner TEAM] [--valid 90d] [--phase warn]"
				+ " [--notes TEXT]", "Issue a key for a client; the key is printed once and only its hash is stored.",
				true);
		add("rotate", "KEY_ID [--overlap 24h]",
				"Issue a successor for the same client; the old key keeps working for the overlap.", true);
		add("revoke", "KEY_ID", "Refuse the key from now on (running gateways drop it within a second).", true);
		add("expire", "KEY_ID", "Expire the key now: like revoke, but reported as expired (a planned end).", true);
		add("phase", "KEY_ID allow|warn|brownout|reject [--sunset 2027-03-31T00:00:00Z]",
				"Set the key's migration phase, and optionally its sunset date.", true);
		add("list", "", "Every key: id, client, state, phase, last use, scopes (never a key or its hash).", true);
		add("show", "KEY_ID [--days 30]", "One key with its calls per day and route over the last days.", true);
		add("import", "FILE", "Import legacy keys (CSV or JSON: client_id, key or sha256, key_id, owner, scopes, routes,"
				+ " expires, phase, sunset, notes) or a Tollgate export; existing ids and hashes are skipped.", true);
		add("export", "", "Print a backup of every record (hashes, never keys): keep it as safe as the store.", true);
		add("report", "[--format table|csv|json] [--days 30]",
				"The migration report: per client, key and OAuth traffic, phases, idle keys.", true);
		add("check", "KEY|-", "Offline: is this a well-formed Tollgate key (checksum) or a legacy key; its key id and"
				+ " SHA-256 (the stored form). '-' reads the key from stdin, keeping it out of shell history.", false);
		add("validate", "FILE", "Offline: parse an import file as import would, and list what it would import.",
				false);
	}

	private CliHelp() {
	}

	private static void add(String name, String arguments, String description, boolean needsStore) {
		String store = needsStore ? STORE + " " : "";
		COMMANDS.put(name, new Command(("keys " + store + name + " " + arguments).strip(), description, needsStore));
	}

	/** Every command, one line each, and the options all commands share. */
	static String usage() {
		StringBuilder text = new StringBuilder("usage: keys [--output text|json] COMMAND ...  (keys COMMAND --help)\n");
		COMMANDS.forEach((name, command) -> text.append(String.format("  %-9s %s%n", name, command.description()
			.split("(?<=\\.) ", 2)[0])));
		text.append("store: --redis redis://HOST:PORT (running gateways hear of changes) or --file keys.json\n");
		text.append("exit codes: 0 done, 1 refused (unknown key, wrong state, conflict, store down), 2 bad command"
				+ " line\n");
		return text.toString();
	}

	/** The help of one command. */
	static String help(String name) {
		Command command = COMMANDS.get(name);
		return "usage: " + command.synopsis() + " [--output text|json]\n" + command.description() + "\n";
	}

}
