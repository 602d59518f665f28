package io.mooring.sim.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure parts of the files API: numbers as stout reads them, the query as libprocess splits it, JSON bytes. */
class FilesPureTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(nullValues = "none", value = {
      "0, 0", "42, 42", "+7, 7", "-1, -1", "0x10, 16", "0X1f, 31", "-0x2, -2",
      "'', none", "abc, none", "1.5, none", "' 5', none", "'5 ', none", "0x, none", "99999999999999999999, none",
      "١٢, none"})
  void numbersAreDecimalOrHex(String text, Long expected) {
    assertEquals(expected == null ? OptionalLong.empty() : OptionalLong.of(expected), Numify.parse(text));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "path=a&offset=1              | {offset=1, path=a}",
      "path=a;offset=1              | {offset=1, path=a}",
      "path=a+b%2Fc                 | {path=a b/c}",
      "path=a&path=b                | {path=b}",
      "flag&&path=x=y               | {flag=, path=x=y}"})
  void theQueryIsSplitAndDecodedAsLibprocessDoes(String raw, String expected) throws Exception {
    assertEquals(expected, new TreeMap<>(FilesEndpoint.query(raw)).toString());
  }

  @ParameterizedTest
  @CsvSource({"path=%zz", "path=%"})
  void aBadEscapeIs400(String raw) {
    FilesException e = assertThrows(FilesException.class, () -> FilesEndpoint.query(raw));
    assertEquals(400, e.status());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"0100644, -rw-r--r--", "040755, drwxr-xr-x", "0120777, lrwxrwxrwx", "010600, prw-------",
      "0100000, ----------"})
  void modesReadAsLsWritesThem(String octal, String expected) {
    assertEquals(expected, Listings.mode(Integer.parseInt(octal, 8)));
  }

  @Test
  void stringsEscapeOnlyWhatRapidjsonEscapes() {
    Map<String, String> table = new LinkedHashMap<>();
    table.put("plain", "\"plain\"");
    table.put("q\"b\\", "\"q\\\"b\\\\\"");
    table.put("a\tb\nc\r\b\f", "\"a\\tb\\nc\\r\\b\\f\"");
    table.put("\u0001\u001b", "\"\\u0001\\u001B\"");
    table.put("/ é \u007f", "\"/ é \u007f\"");
    table.forEach((value, expected) -> assertEquals(expected,
        new String(new JsonBytes(16).string(value).bytes(), StandardCharsets.UTF_8), value));
  }

  @Test
  void bytesThatAreNotUtf8GoOutRaw() {
    byte[] cut = {(byte) 0xc3};
    assertArrayEquals(new byte[] {'"', (byte) 0xc3, '"'}, new JsonBytes(4).string(cut, 1).bytes());
  }
}
