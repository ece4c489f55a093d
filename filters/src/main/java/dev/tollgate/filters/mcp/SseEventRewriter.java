package dev.tollgate.filters.mcp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Rewrites a {@code text/event-stream} one event at a time, as the bytes arrive: complete events (ended by a blank
 * line) go out as soon as they are complete, and only an incomplete event is held back, so a long-lived stream is
 * never buffered as a whole. An event's {@code data} lines are joined (HTML Living Standard, server-sent events,
 * "interpreting an event stream") and handed to the rewriter; when it changes them the event is re-emitted with its
 * other fields ({@code id}, {@code event}, {@code retry}, comments) in place and the new data on one line.
 * Unchanged events go out byte for byte. Not thread-safe: one per response.
 */
final class SseEventRewriter {

	private final UnaryOperator<byte[]> data;

	private final int maxEventBytes;

	private byte[] pending = new byte[0];

	/**
	 * @param data rewrites an event's data; returns the same array when nothing changes
	 * @param maxEventBytes largest event held back while incomplete
	 */
	SseEventRewriter(UnaryOperator<byte[]> data, int maxEventBytes) {
		this.data = data;
		this.maxEventBytes = maxEventBytes;
	}

	/** The complete events the new bytes finish, rewritten, in order; possibly none. */
	List<byte[]> feed(byte[] chunk) {
		byte[] all = concat(this.pending, chunk);
		List<byte[]> out = new ArrayList<>(2);
		int start = 0;
		int end;
		while ((end = eventEnd(all, start)) >= 0) {
			out.add(rewrite(Arrays.copyOfRange(all, start, end)));
			start = end;
		}
		this.pending = Arrays.copyOfRange(all, start, all.length);
		if (this.pending.length > this.maxEventBytes) {
			throw new IllegalStateException("server-sent event larger than " + this.maxEventBytes + " bytes");
		}
		return out;
	}

	/** What is left when the stream ends: an unterminated last event, passed as it is. */
	byte[] finish() {
		byte[] rest = this.pending;
		this.pending = new byte[0];
		return rest;
	}

	/** Index just past the blank line ending the first event from {@code from}, or -1 while incomplete. */
	private static int eventEnd(byte[] b, int from) {
		for (int i = from; i < b.length; i++) {
			if (b[i] == '\n') {
				if (i + 1 < b.length && b[i + 1] == '\n') {
					return i + 2;
				}
				if (i + 2 < b.length && b[i + 1] == '\r' && b[i + 2] == '\n') {
					return i + 3;
				}
			}
		}
		return -1;
	}

	private byte[] rewrite(byte[] event) {
		String text = new String(event, StandardCharsets.UTF_8);
		String[] lines = text.split("\r\n|\n|\r", -1);
		StringBuilder joined = new StringBuilder();
		boolean hasData = false;
		for (String line : lines) {
			if (line.startsWith("data:")) {
				String value = line.substring(5);
				if (value.startsWith(" ")) {
					value = value.substring(1);
				}
				if (hasData) {
					joined.append('\n');
				}
				joined.append(value);
				hasData = true;
			}
		}
		if (!hasData) {
			return event;
		}
		byte[] before = joined.toString().getBytes(StandardCharsets.UTF_8);
		byte[] after = this.data.apply(before);
		if (after == before) {
			return event;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(event.length);
		boolean written = false;
		for (String line : lines) {
			if (line.isEmpty()) {
				continue;
			}
			if (line.startsWith("data:")) {
				if (!written) {
					out.writeBytes("data: ".getBytes(StandardCharsets.UTF_8));
					out.writeBytes(after);
					out.write('\n');
					written = true;
				}
			}
			else {
				out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
				out.write('\n');
			}
		}
		out.write('\n');
		return out.toByteArray();
	}

	private static byte[] concat(byte[] a, byte[] b) {
		if (a.length == 0) {
			return b;
		}
		byte[] all = new byte[a.length + b.length];
		System.arraycopy(a, 0, all, 0, a.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}

}
