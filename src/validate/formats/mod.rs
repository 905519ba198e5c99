//! The text formats of the payload that need more than a look at one character: email
//! addresses, URLs (and which hosts are this machine), decimal numbers. The rules read fields
//! with them, and so do the client (a read's `recipient_email`, the `baseUrl` option, the
//! seconds of `Retry-After`) and the email (its addresses).

mod decimal;
mod email;
mod url;

pub(crate) use decimal::Decimal;
pub(crate) use email::is_email;
#[cfg(feature = "client")]
pub(crate) use url::is_loopback;
pub(crate) use url::{check_url, Schemes};
