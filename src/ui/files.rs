//! The one place that talks to files and the clipboard: downloads, copies,
//! and reading an imported file. Which format a file is and what it means
//! belong to the core (`file`); this module only gets the text safely.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Files larger than this are refused before they are read.
pub const MAX_IMPORT_MB: u32 = 5;
pub const MAX_IMPORT_BYTES: f64 = MAX_IMPORT_MB as f64 * 1024.0 * 1024.0;

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), String> {
    let fail = |_| "The browser refused to start the download.".to_string();
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("No document.")?;
    let a: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Copies text to the clipboard.
pub async fn copy(text: String) -> Result<(), String> {
    let clipboard = web_sys::window()
        .map(|w| w.navigator().clipboard())
        .ok_or("No clipboard.")?;
    JsFuture::from(clipboard.write_text(&text))
        .await
        .map(|_| ())
        .map_err(|_| {
            "The browser did not allow copying. Use the export buttons instead.".to_string()
        })
}

/// Reads a file as UTF-8 text: refuses big files before reading, and binary
/// or non-UTF-8 content with a sentence naming the problem.
pub async fn read_text(file: web_sys::File) -> Result<String, String> {
    let name = file.name();
    let size = file.size();
    if size > MAX_IMPORT_BYTES {
        // Tenths of a megabyte by integer arithmetic: float formatting would
        // add its own code to the download for this one sentence.
        let tenths = (size / 104_857.6).round() as u64;
        return Err(format!(
            "\u{201c}{name}\u{201d} is {}.{} MB; files over {MAX_IMPORT_MB} MB are not opened. A postmortem is usually under 1 MB: is this the right file?",
            tenths / 10,
            tenths % 10,
        ));
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("\u{201c}{name}\u{201d} could not be read."))?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    if bytes.iter().take(8192).any(|b| *b == 0) {
        return Err(format!(
            "\u{201c}{name}\u{201d} looks like a binary file, not Markdown or JSON text."
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "\u{201c}{name}\u{201d} is not UTF-8 text (bad byte at position {}). Save it as UTF-8 and try again.",
            e.utf8_error().valid_up_to()
        )
    })
}
