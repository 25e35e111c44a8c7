//! Bodies to UTF-8. The encoding is, in order of precedence:
//! 1. a byte order mark;
//! 2. the `charset` parameter of the HTTP `Content-Type`;
//! 3. `<meta charset>`, `<meta http-equiv="Content-Type" content="…charset=…">` or an
//!    XML declaration's `encoding` in the first [`PRESCAN_BYTES`] bytes;
//! 4. detection: valid UTF-8 is UTF-8, anything else goes to `chardetng` (told the
//!    site's top-level domain), which picks windows-1252 for French pages.
//!
//! Labels follow the WHATWG Encoding Standard, so `iso-8859-1` and `latin1` mean
//! windows-1252 (what browsers do, and what such pages really contain: `’`, `œ`, `€`).
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the body `<meta>` and XML declarations are looked for.
pub const PRESCAN_BYTES: usize = 4096;

/// The decoded text and the encoding used.
pub fn decode(
    bytes: &[u8],
    content_type: Option<&str>,
    tld: Option<&str>,
) -> (String, &'static Encoding) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), encoding);
    }
    let encoding = content_type
        .and_then(charset_param)
        .and_then(|label| Encoding::for_label(label.as_bytes()))
        .or_else(|| prescan(&bytes[..bytes.len().min(PRESCAN_BYTES)]))
        .unwrap_or_else(|| detect(bytes, tld));
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    (text.into_owned(), encoding)
}

fn detect(bytes: &[u8], tld: Option<&str>) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let tld = tld.filter(|t| t.bytes().all(|b| b.is_ascii_alphanumeric()));
    let guess = detector.guess(tld.map(str::as_bytes), chardetng::Utf8Detection::Deny);
    if guess == UTF_8 { WINDOWS_1252 } else { guess }
}

/// The value of a `charset=` parameter (in a `Content-Type` header or `content` attribute).
pub fn charset_param(value: &str) -> Option<String> {
    let lower = value.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find("charset") {
        let mut rest = lower[from + found + "charset".len()..].trim_start();
        from += found + "charset".len();
        let Some(after) = rest.strip_prefix('=') else {
            continue;
        };
        rest = after.trim_start();
        let value = if let Some(quoted) = rest.strip_prefix(['"', '\'']) {
            let quote = rest.as_bytes()[0] as char;
            quoted.split(quote).next().unwrap_or("")
        } else {
            rest.split(|c: char| c == ';' || c.is_ascii_whitespace())
                .next()
                .unwrap_or("")
        };
        let value = value.trim();
        return (!value.is_empty()).then(|| value.to_string());
    }
    None
}

/// A charset declared in the document itself (HTML `<meta>` or XML declaration).
fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    let found = if head.starts_with(b"<?xml") {
        xml_declaration(head)
    } else {
        meta_charset(head)
    }?;
    // A document cannot declare itself UTF-16 in ASCII; the HTML standard reads it as UTF-8.
    let encoding = Encoding::for_label(found.as_bytes())?;
    Some(match encoding.name() {
        "UTF-16LE" | "UTF-16BE" => UTF_8,
        "x-user-defined" => WINDOWS_1252,
        _ => encoding,
    })
}

fn xml_declaration(head: &[u8]) -> Option<String> {
    let end = find(head, b"?>")?;
    let decl = String::from_utf8_lossy(&head[..end]);
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    Some(rest[1..].split(quote).next()?.trim().to_string())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A simplified version of the HTML standard's prescan: comments are skipped, each
/// `<meta` tag's attributes are read, the first usable declaration wins.
fn meta_charset(head: &[u8]) -> Option<String> {
    let mut i = 0;
    while i < head.len() {
        if head[i..].starts_with(b"<!--") {
            i = match find(&head[i + 4..], b"-->") {
                Some(end) => i + 4 + end + 3,
                None => return None,
            };
            continue;
        }
        if head[i] == b'<'
            && head.len() > i + 5
            && head[i + 1..i + 5].eq_ignore_ascii_case(b"meta")
            && matches!(head[i + 5], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/')
        {
            let (attrs, end) = attributes(head, i + 5);
            let mut charset = None;
            let mut http_equiv_content_type = false;
            let mut content = None;
            for (name, value) in attrs {
                match name.as_str() {
                    "charset" if charset.is_none() => charset = Some(value),
                    "http-equiv" => {
                        http_equiv_content_type = value.eq_ignore_ascii_case("content-type")
                    }
                    "content" if content.is_none() => content = Some(value),
                    _ => {}
                }
            }
            if let Some(charset) = charset.filter(|c| !c.trim().is_empty()) {
                return Some(charset.trim().to_string());
            }
            if http_equiv_content_type
                && let Some(found) = content.as_deref().and_then(charset_param)
            {
                return Some(found);
            }
            i = end;
            continue;
        }
        i += 1;
    }
    None
}

/// Attributes of a tag from `at` to its `>`; returns them (names lower-cased) and where
/// the tag ends.
fn attributes(head: &[u8], mut at: usize) -> (Vec<(String, String)>, usize) {
    let mut attrs = Vec::new();
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    loop {
        while at < head.len() && (is_space(head[at]) || head[at] == b'/') {
            at += 1;
        }
        if at >= head.len() || head[at] == b'>' {
            return (attrs, at + 1);
        }
        let start = at;
        while at < head.len() && !is_space(head[at]) && !matches!(head[at], b'=' | b'>' | b'/') {
            at += 1;
        }
        let name = String::from_utf8_lossy(&head[start..at]).to_ascii_lowercase();
        while at < head.len() && is_space(head[at]) {
            at += 1;
        }
        let mut value = String::new();
        if at < head.len() && head[at] == b'=' {
            at += 1;
            while at < head.len() && is_space(head[at]) {
                at += 1;
            }
            if at < head.len() && matches!(head[at], b'"' | b'\'') {
                let quote = head[at];
                at += 1;
                let start = at;
                while at < head.len() && head[at] != quote {
                    at += 1;
                }
                value = String::from_utf8_lossy(&head[start..at]).into_owned();
                at += 1;
            } else {
                let start = at;
                while at < head.len() && !is_space(head[at]) && head[at] != b'>' {
                    at += 1;
                }
                value = String::from_utf8_lossy(&head[start..at]).into_owned();
            }
        }
        attrs.push((name, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRENCH: &str = "L’été, nous œuvrons à 5 € près — déjà.";

    fn win1252(s: &str) -> Vec<u8> {
        let (bytes, _, errors) = WINDOWS_1252.encode(s);
        assert!(!errors);
        bytes.into_owned()
    }

    #[test]
    fn header_charset_wins() {
        let body = win1252(FRENCH);
        let (text, enc) = decode(&body, Some("text/html; charset=ISO-8859-1"), None);
        assert_eq!(text, FRENCH);
        assert_eq!(enc, WINDOWS_1252);
        let (text, enc) = decode(FRENCH.as_bytes(), Some("text/html;charset=\"utf-8\""), None);
        assert_eq!(text, FRENCH);
        assert_eq!(enc, UTF_8);
    }

    #[test]
    fn meta_charset() {
        let mut body = b"<!doctype html><html><head><META CharSet=windows-1252><title>".to_vec();
        body.extend(win1252(FRENCH));
        let (text, enc) = decode(&body, Some("text/html"), Some("fr"));
        assert!(text.ends_with(FRENCH));
        assert_eq!(enc, WINDOWS_1252);
    }

    #[test]
    fn meta_http_equiv() {
        let mut body = b"<html><head><!-- <meta charset=utf-8> --><meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>".to_vec();
        body.extend(win1252(FRENCH));
        let (text, enc) = decode(&body, None, None);
        assert!(text.ends_with(FRENCH));
        assert_eq!(enc, WINDOWS_1252);
    }

    #[test]
    fn xml_declaration() {
        let mut body = b"<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><rss><title>".to_vec();
        let (bytes, _, _) = encoding_rs::ISO_8859_15.encode("Café 5 €");
        body.extend(bytes.iter());
        let (text, enc) = decode(&body, Some("application/rss+xml"), None);
        assert!(text.ends_with("Café 5 €"), "{text}");
        assert_eq!(enc, encoding_rs::ISO_8859_15);
    }

    #[test]
    fn detection() {
        let (text, enc) = decode(FRENCH.as_bytes(), Some("text/html"), Some("fr"));
        assert_eq!((text.as_str(), enc), (FRENCH, UTF_8));
        let body = win1252(&format!("<p>{FRENCH}</p>"));
        let (text, enc) = decode(&body, Some("text/html"), Some("fr"));
        assert_eq!(text, format!("<p>{FRENCH}</p>"));
        assert_eq!(enc, WINDOWS_1252);
    }

    #[test]
    fn bom_first() {
        let mut body = b"\xef\xbb\xbf".to_vec();
        body.extend(FRENCH.as_bytes());
        let (text, enc) = decode(&body, Some("text/html; charset=windows-1252"), None);
        assert_eq!((text.as_str(), enc), (FRENCH, UTF_8));
    }

    #[test]
    fn unusable_declarations_fall_through() {
        let body = b"<meta charset=\"utf-16\"><p>caf\xc3\xa9</p>";
        assert_eq!(decode(body, None, None).1, UTF_8);
        let body = b"<meta charset=\"nonsense\"><p>caf\xc3\xa9</p>";
        assert_eq!(
            decode(body, None, None),
            ("<meta charset=\"nonsense\"><p>café</p>".into(), UTF_8)
        );
        assert_eq!(charset_param("text/html"), None);
        assert_eq!(
            charset_param("text/html; charset= 'latin1' "),
            Some("latin1".into())
        );
    }
}
