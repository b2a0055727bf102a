//! A one-page PDF invoice, written by hand: PDF 1.4, the standard Helvetica font, text only.

use std::fmt::Write;

/// The PDF bytes of a page holding `lines` (latin-1 text; other characters become `?`).
pub fn pdf(title: &str, lines: &[String]) -> Vec<u8> {
    let mut content = String::from("BT\n/F1 18 Tf\n50 790 Td\n");
    let _ = writeln!(content, "({}) Tj", escape(title));
    content.push_str("/F1 11 Tf\n0 -30 Td\n14 TL\n");
    for line in lines {
        let _ = writeln!(content, "({}) Tj T*", escape(line));
    }
    content.push_str("ET\n");
    let content = latin1(&content);

    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
    ];
    let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
    stream.extend_from_slice(&content);
    stream.extend_from_slice(b"endstream");
    objects.push(stream);

    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for o in offsets {
        let _ = writeln!(table, "{o:010} 00000 n ");
    }
    let _ = write!(
        table,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend_from_slice(table.as_bytes());
    out
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)")
}

fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match u32::from(c) {
            n @ (0x20..=0x7e | 0x0a | 0xa0..=0xff) => n as u8,
            _ => b'?',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
        hay.windows(needle.len()).position(|w| w == needle)
    }

    #[test]
    fn a_pdf_with_a_valid_cross_reference_table() {
        let bytes = pdf("Invoice 7", &["Acme (Brasil) Ltda".into(), "Rua X, 1".into()]);
        assert!(bytes.starts_with(b"%PDF-1.4"));
        assert!(bytes.ends_with(b"%%EOF\n"));
        assert!(find(&bytes, b"(Acme \\(Brasil\\) Ltda) Tj").is_some());
        // startxref names the offset of the table, and every entry the offset of its object.
        let tail = find(&bytes, b"startxref\n").unwrap() + 10;
        let digits: Vec<u8> = bytes[tail..]
            .iter()
            .copied()
            .take_while(u8::is_ascii_digit)
            .collect();
        let xref_at: usize = String::from_utf8(digits).unwrap().parse().unwrap();
        assert!(bytes[xref_at..].starts_with(b"xref\n0 6\n"));
        let table = String::from_utf8(bytes[xref_at..].to_vec()).unwrap();
        for (n, line) in table.lines().skip(3).take(5).enumerate() {
            let offset: usize = line[..10].parse().unwrap();
            assert!(
                bytes[offset..].starts_with(format!("{} 0 obj", n + 1).as_bytes()),
                "object {}",
                n + 1
            );
        }
        // "São" is written in latin-1, one byte for the "ã"; other characters become "?".
        let bytes = pdf("Invoice", &["São Paulo ✓".into()]);
        assert!(find(&bytes, b"(S\xe3o Paulo ?").is_some());
    }
}
