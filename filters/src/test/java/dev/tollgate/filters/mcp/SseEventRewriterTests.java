package dev.tollgate.filters.mcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SseEventRewriterTests {

	static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[{\"name\":\"a\"},{\"name\":\"b\"}],\"nextCursor\":\"c\"}}";

	final ToolsListRewriter tools = new ToolsListRewriter(Set.of("1"), "a"::equals);

	final SseEventRewriter rewriter = new SseEventRewriter(this.tools::rewrite, 1024);

	static byte[] b(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	static String s(List<byte[]> events) {
		StringBuilder sb = new StringBuilder();
		events.forEach(e -> sb.append(new String(e, StandardCharsets.UTF_8)));
		return sb.toString();
	}

	@Test
	void feedWhenEventSplitAcrossChunksThenEmittedOnceCompleteAndRewritten() {
		String event = "event: message\nid: 7\ndata: " + LIST + "\n\n";
		List<byte[]> out = new ArrayList<>();
		for (int i = 0; i < event.length(); i += 5) {
			out.addAll(this.rewriter.feed(b(event.substring(i, Math.min(event.length(), i + 5)))));
			if (i + 5 < event.length()) {
				assertThat(out).isEmpty();
			}
		}
		assertThat(s(out)).isEqualTo("event: message\nid: 7\ndata: "
				+ "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[{\"name\":\"a\"}],\"nextCursor\":\"c\"}}\n\n");
	}

	@Test
	void feedWhenEventsNeedNoChangeThenPassedByteForByte() {
		String events = ": keep-alive\r\n\r\nevent: message\r\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}\r\n\r\n";
		assertThat(s(this.rewriter.feed(b(events)))).isEqualTo(events);
	}

	@Test
	void feedWhenDataSpreadOverLinesThenJoinedBeforeRewriting() {
		String event = "data: {\"jsonrpc\":\"2.0\",\"id\":1,\n data: \"result\":{\"tools\":[{\"name\":\"b\"}]}}\n\n"
			.replace("\n data", "\ndata");
		assertThat(s(this.rewriter.feed(b(event)))).isEqualTo("data: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[]}}\n\n");
	}

	@Test
	void feedWhenAnswerToAnotherRequestThenUntouched() {
		String other = "data: " + LIST.replace("\"id\":1", "\"id\":2") + "\n\n";
		assertThat(s(this.rewriter.feed(b(other)))).isEqualTo(other);
	}

	@Test
	void feedWhenIncompleteEventGrowsPastTheLimitThenFails() {
		assertThatThrownBy(() -> this.rewriter.feed(b("data: " + "x".repeat(2000)))).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void finishWhenStreamEndsMidEventThenRestPassedAsItIs() {
		this.rewriter.feed(b("data: partial"));
		assertThat(new String(this.rewriter.finish(), StandardCharsets.UTF_8)).isEqualTo("data: partial");
	}

}
