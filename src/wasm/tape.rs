//! Results handed to JavaScript as a tape that a JS decoder turns into plain objects, instead of
//! JSON text and `JSON.parse` (feature `perf-values`, in the server builds).
//!
//! `JSON.parse` of the seed invite's 840-byte result took a quarter of a `validateInvite()` call
//! in Node 20: it reads every field name again, and V8 hashes and looks up each one. Here a value
//! becomes two things: its texts (strings, map keys, numbers) written one after the other into one
//! string, decoded once, and a tape of `u32`s that says what to build with them. A struct's field
//! names are `&'static str`s: each is sent once per module, with a number, and the decoder keeps
//! the JS string; after that the tape carries only the number. Measured on the seed invite (Node
//! 20, docs/package.md): the decoder builds the result in 1.4 µs where `JSON.parse` took 2.9 µs,
//! and nothing is escaped on the way out.
//!
//! The decoder (`tapeDecoder` in pkg/lib/tape.mjs) is registered with `__setDecoder`; without
//! one (the browser build, the wasm-bindgen tests) `to_js` stays on JSON text. The value the
//! decoder builds is the one `JSON.parse` would give for `serde_json`'s text: the same fields in
//! the same order, a repeated key at its first place with its last value, `__proto__` an own
//! field, numbers from the text `serde_json` writes for them, `NaN` and infinities as `null`.
//!
//! The tape, one `u32` each unless said (a text is its start and length in UTF-16 units):
//!
//! | op | then | builds |
//! |---|---|---|
//! | 0, 1, 2 | | `null`, `true`, `false` |
//! | 3 | a text | a number, `Number(text)` |
//! | 4 | a text | a string |
//! | 5 | values, then 7 | an array |
//! | 6 | (key, value) pairs, then 7 | an object |
//! | 8 | a field name's number | a key known to the decoder |
//! | 9 | a number and a text | a new field name: kept under that number, then used as a key |
//! | 10 | a text | a key that is not a field name (a map's key) |

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::{self, Display, Write as _};
use std::hash::{BuildHasherDefault, Hasher};

use js_sys::{Function, JsString, Uint32Array};
use serde::ser::{self, Serialize};
use wasm_bindgen::prelude::*;

const NULL: u32 = 0;
const TRUE: u32 = 1;
const FALSE: u32 = 2;
const NUMBER: u32 = 3;
const STRING: u32 = 4;
const ARRAY: u32 = 5;
const OBJECT: u32 = 6;
const END: u32 = 7;
const KEY: u32 = 8;
const NEW_KEY: u32 = 9;
const TEXT_KEY: u32 = 10;

/// The field names the registered decoder knows, by address and length, with their number.
type Names = HashMap<(usize, usize), u32, BuildHasherDefault<AddressHasher>>;

thread_local! {
    static DECODER: RefCell<Option<Function>> = const { RefCell::new(None) };
    static KEYS: RefCell<Names> = RefCell::new(Names::default());
}

/// Hashes the address and length of a field name by a multiply and a rotate (FxHash's step):
/// std's SipHash took 5% of a validateInvite() call for twenty lookups, and these keys come from
/// the program, not from its input.
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(byte.into());
        }
    }
    fn write_usize(&mut self, value: usize) {
        self.write_u64(value as u64);
    }
    fn write_u64(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Registers `(tape: Uint32Array, texts: string) => value`, the decoder of pkg/lib/tape.mjs
/// (internal, for the entries). A new decoder knows no field names yet, so the table restarts.
///
/// ```js
/// __setDecoder(tapeDecoder());
/// ```
#[wasm_bindgen(js_name = __setDecoder, skip_typescript)]
pub fn set_decoder(decoder: Function) {
    DECODER.with(|slot| *slot.borrow_mut() = Some(decoder));
    KEYS.with(|keys| keys.borrow_mut().clear());
}

/// The JS value of `value` built by the registered decoder; `None` without a decoder, or when
/// `value` does not serialize (the caller then takes the JSON path, which says what it makes
/// of it).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Option<JsValue> {
    let decoder = DECODER.with(|slot| slot.borrow().clone())?;
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        let known = keys.len();
        let mut tape =
            Tape { ops: Vec::with_capacity(64), texts: String::with_capacity(256), units: 0, keys: &mut keys };
        let built = value.serialize(&mut tape).ok().and_then(|()| {
            let (ops, texts) = (std::mem::take(&mut tape.ops), std::mem::take(&mut tape.texts));
            let texts = JsString::from(texts.as_str());
            // SAFETY: the view is read by the decoder, plain JavaScript that cannot call back into
            // wasm, so memory cannot grow (and detach the view) before it is done; `ops` outlives
            // the call.
            let view = unsafe { Uint32Array::view(&ops) };
            decoder.call2(&JsValue::UNDEFINED, &view, &texts).ok()
        });
        if built.is_none() {
            // The decoder never saw the field names numbered for this value: forget them.
            keys.retain(|_, number| (*number as usize) < known);
        }
        built
    })
}

/// A value being written: the tape, the texts, the texts' length in UTF-16 units, and the field
/// names numbered so far.
struct Tape<'k> {
    ops: Vec<u32>,
    texts: String,
    units: u32,
    keys: &'k mut Names,
}

/// Why a value could not be written: a map key that is not a string, number or boolean (or
/// serde's own `custom` errors). `to_js` then takes the JSON path.
#[derive(Debug)]
struct Unwritable;

impl Display for Unwritable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("this value has no JavaScript form")
    }
}

impl std::error::Error for Unwritable {}

impl ser::Error for Unwritable {
    fn custom<T: Display>(_: T) -> Self {
        Unwritable
    }
}

type Done = Result<(), Unwritable>;

impl Tape<'_> {
    /// The op, then `text` appended to the texts as its start and length.
    fn text(&mut self, op: u32, text: &str) {
        self.ops.push(op);
        self.texts.push_str(text);
        self.span(text.len());
    }

    /// Like [`Tape::text`] for a `Display` value, written in place.
    fn display(&mut self, op: u32, value: &dyn Display) {
        self.ops.push(op);
        let start = self.texts.len();
        // Writing to a String cannot fail.
        let _ = write!(self.texts, "{value}");
        self.span(self.texts.len() - start);
    }

    /// The start and length, in UTF-16 units, of the last `bytes` of the texts.
    fn span(&mut self, bytes: usize) {
        let text = &self.texts[self.texts.len() - bytes..];
        let units = if text.is_ascii() { bytes } else { text.encode_utf16().count() } as u32;
        self.ops.extend([self.units, units]);
        self.units += units;
    }

    /// A struct's field name: its number, or the name itself the first time
    /// (`[NEW_KEY, number, start, length]`).
    fn field(&mut self, name: &'static str) {
        let id = (name.as_ptr() as usize, name.len());
        if let Some(&number) = self.keys.get(&id) {
            self.ops.extend([KEY, number]);
            return;
        }
        let number = self.keys.len() as u32;
        self.keys.insert(id, number);
        self.ops.extend([NEW_KEY, number]);
        self.texts.push_str(name);
        self.span(name.len());
    }

    /// An integer: its decimal text, read by `Number()`.
    fn integer(&mut self, value: &dyn Display) -> Done {
        self.display(NUMBER, value);
        Ok(())
    }

    /// A number as `Number()` of the text serde_json writes for it reads it: the shortest digits
    /// that give back the same value (Rust's `Display` and serde_json's `ryu` agree on that
    /// value), and `null` for `NaN` and infinities.
    fn float(&mut self, value: &dyn Display, finite: bool) -> Done {
        if finite {
            self.display(NUMBER, value);
        } else {
            self.ops.push(NULL);
        }
        Ok(())
    }

    /// `{ variant: ... }`, as serde_json writes an enum variant that holds data.
    fn open_variant(&mut self, variant: &'static str) {
        self.ops.push(OBJECT);
        self.field(variant);
    }
}

/// The ten integer methods of a serializer, each writing the integer's decimal text with the
/// serializer's method `$write` (a number on the tape, or a map's key).
macro_rules! integers {
    ($write:ident) => {
        integers!($write, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
            serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
            serialize_u32: u32, serialize_u64: u64, serialize_u128: u128);
    };
    ($write:ident, $($method:ident: $ty:ty),+) => {$(
        fn $method(self, v: $ty) -> Done {
            self.$write(&v)
        }
    )+};
}

impl<'a, 'k> ser::Serializer for &'a mut Tape<'k> {
    type Ok = ();
    type Error = Unwritable;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Done {
        self.ops.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    integers!(integer);
    fn serialize_f32(self, v: f32) -> Done {
        self.float(&v, v.is_finite())
    }
    fn serialize_f64(self, v: f64) -> Done {
        self.float(&v, v.is_finite())
    }
    fn serialize_char(self, v: char) -> Done {
        self.text(STRING, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Done {
        self.text(STRING, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        self.ops.push(ARRAY);
        for byte in v {
            self.display(NUMBER, byte);
        }
        self.ops.push(END);
        Ok(())
    }
    fn serialize_none(self) -> Done {
        self.ops.push(NULL);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.ops.push(NULL);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Done {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Done {
        self.open_variant(variant);
        value.serialize(&mut *self)?;
        self.ops.push(END);
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Unwritable> {
        self.ops.push(ARRAY);
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, Unwritable> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Self, Unwritable> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Unwritable> {
        self.open_variant(variant);
        self.ops.push(ARRAY);
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Unwritable> {
        self.ops.push(OBJECT);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Unwritable> {
        self.ops.push(OBJECT);
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Unwritable> {
        self.open_variant(variant);
        self.ops.push(OBJECT);
        Ok(self)
    }
    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Done {
        self.display(STRING, &value);
        Ok(())
    }
}

/// The compound values: each element or field written in turn, then the ends it closes (a
/// variant that holds data is an object around its value, so it closes two).
macro_rules! compound {
    ($($kind:ident :: $method:ident ($($name:ident)?) => [$($end:expr),+];)+) => {$(
        impl ser::$kind for &mut Tape<'_> {
            type Ok = ();
            type Error = Unwritable;
            fn $method<T: Serialize + ?Sized>(&mut self, $($name: &'static str,)? value: &T) -> Done {
                $(self.field($name);)?
                value.serialize(&mut **self)
            }
            fn end(self) -> Done {
                self.ops.extend([$($end),+]);
                Ok(())
            }
        }
    )+};
}

compound! {
    SerializeSeq::serialize_element() => [END];
    SerializeTuple::serialize_element() => [END];
    SerializeTupleStruct::serialize_field() => [END];
    SerializeTupleVariant::serialize_field() => [END, END];
    SerializeStruct::serialize_field(name) => [END];
    SerializeStructVariant::serialize_field(name) => [END, END];
}

impl ser::SerializeMap for &mut Tape<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        key.serialize(MapKey(self))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        self.ops.push(END);
        Ok(())
    }
}

/// A map's key: a string as it is; an integer, a boolean or a character as its text, as
/// serde_json writes them. Anything else is [`Unwritable`], and goes the JSON way (serde_json
/// decides what it makes of a float or an optional key).
struct MapKey<'a, 'k>(&'a mut Tape<'k>);

impl MapKey<'_, '_> {
    fn display(self, value: &dyn Display) -> Done {
        self.0.display(TEXT_KEY, value);
        Ok(())
    }
}

impl ser::Serializer for MapKey<'_, '_> {
    type Ok = ();
    type Error = Unwritable;
    type SerializeSeq = ser::Impossible<(), Unwritable>;
    type SerializeTuple = ser::Impossible<(), Unwritable>;
    type SerializeTupleStruct = ser::Impossible<(), Unwritable>;
    type SerializeTupleVariant = ser::Impossible<(), Unwritable>;
    type SerializeMap = ser::Impossible<(), Unwritable>;
    type SerializeStruct = ser::Impossible<(), Unwritable>;
    type SerializeStructVariant = ser::Impossible<(), Unwritable>;

    fn serialize_str(self, v: &str) -> Done {
        self.0.text(TEXT_KEY, v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Done {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_bool(self, v: bool) -> Done {
        self.display(&v)
    }
    integers!(display);
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Done {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Done {
        value.serialize(self)
    }
    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Done {
        self.display(&value)
    }
    fn serialize_f32(self, _: f32) -> Done {
        Err(Unwritable)
    }
    fn serialize_f64(self, _: f64) -> Done {
        Err(Unwritable)
    }
    fn serialize_bytes(self, _: &[u8]) -> Done {
        Err(Unwritable)
    }
    fn serialize_none(self) -> Done {
        Err(Unwritable)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Done {
        Err(Unwritable)
    }
    fn serialize_unit(self) -> Done {
        Err(Unwritable)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        Err(Unwritable)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> Done {
        Err(Unwritable)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unwritable> {
        Err(Unwritable)
    }
}
