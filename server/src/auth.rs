//! Users and sessions. People sign in with an email and a password (argon2); a session is a
//! random id, kept server-side as its SHA-256 and client-side in an `HttpOnly`, `SameSite=Strict`
//! cookie (`Secure` when the page is served over TLS). Sessions end when signed out, after
//! [`Policy::session_idle`] seconds unused, and after [`Policy::session_absolute`] seconds in all.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::{FromRequestParts, State};
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use tokio::sync::Semaphore;

use crate::app::{error, retry_later, seconds_until, storage_error, App};
use crate::store::{SessionRecord, UserRecord};

/// The argon2 hash of `password` (PHC string, default parameters, a fresh salt).
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
}

fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// A hash to check against when the email is unknown, so that both cases take as long.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy password"))
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Sessions read in the last few seconds, by the hash of their id, so that most requests do not
/// read the database. Signing out removes its entry at once; an entry is read again after
/// [`SessionCache::SECONDS`], so a session that ended otherwise (expired, deleted) is refused
/// within that time.
#[derive(Default)]
pub struct SessionCache {
    entries: Mutex<HashMap<String, (SessionRecord, i64)>>,
}

impl SessionCache {
    pub const SECONDS: i64 = 5;
    const MAX: usize = 10_000;

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (SessionRecord, i64)>> {
        self.entries.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn get(&self, hash: &str, now: i64) -> Option<SessionRecord> {
        let entries = self.lock();
        let (session, cached_at) = entries.get(hash)?;
        (now - cached_at < Self::SECONDS).then(|| session.clone())
    }

    fn put(&self, hash: &str, session: &SessionRecord, now: i64) {
        let mut entries = self.lock();
        if entries.len() >= Self::MAX {
            entries.clear();
        }
        entries.insert(hash.to_owned(), (session.clone(), now));
    }

    fn remove(&self, hash: &str) {
        self.lock().remove(hash);
    }
}

/// What keeps password guessing and argon2's cost in bounds: sign-in attempts per email (20 at
/// once, then 10 a minute), and as many password checks at a time as there are cores, so that a
/// flood of sign-ins queues behind them instead of taking every core from the orders.
pub struct SignInGuard {
    attempts: DefaultKeyedRateLimiter<String>,
    checks: Arc<Semaphore>,
}

/// The longest email a sign-in is checked for (RFC 5321's path limit); a longer one is wrong
/// credentials without a password check, and never a key of the attempts' table.
const MAX_EMAIL: usize = 254;

/// How long a sign-in waits for a password check before it is answered 503.
const CHECK_WAIT: Duration = Duration::from_secs(10);

impl Default for SignInGuard {
    fn default() -> Self {
        let per_minute = NonZeroU32::new(10).unwrap_or(NonZeroU32::MIN);
        let burst = NonZeroU32::new(20).unwrap_or(NonZeroU32::MIN);
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        SignInGuard {
            attempts: RateLimiter::keyed(Quota::per_minute(per_minute).allow_burst(burst)),
            checks: Arc::new(Semaphore::new(cores)),
        }
    }
}

impl SignInGuard {
    /// Forgets the emails whose attempts have all been replenished (every few seconds).
    pub fn forget_idle(&self) {
        self.attempts.retain_recent();
    }
}

/// Whether `password` is the one of `hash`, checked once the guard lets an attempt on `email`
/// through; the refusal to send otherwise (429 or 503, with `Retry-After`).
async fn check_password(app: &App, email: &str, hash: String, password: String) -> Result<bool, Response> {
    let guard = &app.sign_ins;
    if email.len() > MAX_EMAIL {
        return Ok(false);
    }
    // The permit first: the attempts' table then grows no faster than passwords are checked.
    let permit = tokio::time::timeout(CHECK_WAIT, Arc::clone(&guard.checks).acquire_owned()).await;
    let Ok(Ok(permit)) = permit else {
        let message = "signing in is busy: try again in a moment";
        return Err(retry_later(
            StatusCode::SERVICE_UNAVAILABLE,
            "SIGN_IN_BUSY",
            message,
            1,
        ));
    };
    if let Err(wait) = guard.attempts.check_key(&email.to_lowercase()) {
        let message = "too many sign-in attempts for this email: wait a moment";
        let seconds = seconds_until(&wait);
        return Err(retry_later(
            StatusCode::TOO_MANY_REQUESTS,
            "TOO_MANY_SIGN_INS",
            message,
            seconds,
        ));
    }
    // The permit goes with the check: a client that leaves does not free it before the check ends.
    let check = tokio::task::spawn_blocking(move || {
        let matches = verify_password(&hash, &password);
        drop(permit);
        matches
    });
    Ok(check.await.unwrap_or(false))
}

/// The signed-in user of a request; extracting it answers 401 when there is none.
pub struct SignedIn {
    pub user: UserRecord,
    session_hash: String,
}

impl App {
    fn cookie_name(&self) -> &'static str {
        if self.policy.secure_cookies {
            "__Host-session"
        } else {
            "session"
        }
    }

    fn session_cookie(&self, value: &str, max_age: i64) -> HeaderValue {
        let secure = if self.policy.secure_cookies {
            "; Secure"
        } else {
            ""
        };
        let cookie = format!(
            "{}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}",
            self.cookie_name()
        );
        HeaderValue::from_str(&cookie).unwrap_or(HeaderValue::from_static(""))
    }
}

fn session_id(app: &App, headers: &HeaderMap) -> Option<String> {
    let name = app.cookie_name();
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

fn unauthenticated() -> Response {
    error(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED", "sign in first")
}

impl FromRequestParts<Arc<App>> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Self, Response> {
        let id = session_id(app, &parts.headers).ok_or_else(unauthenticated)?;
        let hash = sha256_hex(id.as_bytes());
        let now = (app.unix_now)();
        let mut session = match app.sessions.get(&hash, now) {
            Some(s) => s,
            None => {
                let s = app
                    .store
                    .session(&hash)
                    .await
                    .map_err(|e| storage_error(&e))?
                    .ok_or_else(unauthenticated)?;
                app.sessions.put(&hash, &s, now);
                s
            }
        };
        let p = &app.policy;
        if now - session.last_seen > p.session_idle || now - session.created_at > p.session_absolute {
            app.sessions.remove(&hash);
            let _ = app.store.delete_session(&hash).await;
            return Err(unauthenticated());
        }
        // Written at most once a minute: reads stay reads.
        if now - session.last_seen >= 60 {
            app.store
                .touch_session(&hash, now)
                .await
                .map_err(|e| storage_error(&e))?;
            session.last_seen = now;
            app.sessions.put(&hash, &session, now);
        }
        Ok(SignedIn {
            user: session.user,
            session_hash: hash,
        })
    }
}

fn user_json(u: &UserRecord) -> Value {
    json!({ "email": u.email, "name": u.name, "role": u.role, "accountId": u.account_id })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    email: String,
    password: String,
}

/// `POST /api/session`: signs in and sets the session cookie.
pub async fn sign_in(State(app): State<Arc<App>>, Json(c): Json<Credentials>) -> Response {
    let user = match app.store.user_by_email(c.email.trim()).await {
        Ok(u) => u,
        Err(e) => return storage_error(&e),
    };
    let hash = user
        .as_ref()
        .map_or_else(|| decoy_hash().to_owned(), |u| u.password_hash.clone());
    let matches = match check_password(&app, c.email.trim(), hash, c.password).await {
        Ok(m) => m,
        Err(refused) => return refused,
    };
    let Some(user) = user.filter(|_| matches) else {
        return error(
            StatusCode::UNAUTHORIZED,
            "INVALID_CREDENTIALS",
            "wrong email or password",
        );
    };
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let now = (app.unix_now)();
    if let Err(e) = app
        .store
        .create_session(sha256_hex(id.as_bytes()), user.id, now)
        .await
    {
        return storage_error(&e);
    }
    let mut r = (StatusCode::CREATED, Json(json!({ "user": user_json(&user) }))).into_response();
    r.headers_mut()
        .insert(SET_COOKIE, app.session_cookie(&id, app.policy.session_absolute));
    r
}

/// `GET /api/session`: who is signed in.
pub async fn current(user: SignedIn) -> Response {
    Json(json!({ "user": user_json(&user.user) })).into_response()
}

/// `DELETE /api/session`: signs out (the session is deleted, the cookie cleared).
pub async fn sign_out(State(app): State<Arc<App>>, user: SignedIn) -> Response {
    app.sessions.remove(&user.session_hash);
    if let Err(e) = app.store.delete_session(&user.session_hash).await {
        return storage_error(&e);
    }
    let mut r = StatusCode::NO_CONTENT.into_response();
    r.headers_mut().insert(SET_COOKIE, app.session_cookie("", 0));
    r
}
