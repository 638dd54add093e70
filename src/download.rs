//! [`Download`]: a value the app downloads, as a Leptos [`LocalResource`] that views read
//! under a `Suspense` and an `ErrorBoundary` (`components::LoadBoundary`).
//!
//! Every download is the same resource type underneath, whatever it holds (the index, a
//! record file, an issue's body, the search index): the resource's machinery is generic, and
//! one copy of it instead of one per type keeps the wasm about 20 KB (gzipped) smaller.

use crate::api::LoadError;
use leptos::prelude::*;
use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;

/// A downloaded value of any type, or why it could not be had.
pub type Erased = Result<Arc<dyn Any + Send + Sync>, LoadError>;
/// A future of an [`Erased`] value.
pub type ErasedFuture = Pin<Box<dyn Future<Output = Erased>>>;

/// A downloaded value of type `T`, or why it could not be had.
pub struct Download<T> {
    resource: LocalResource<Erased>,
    ty: PhantomData<fn() -> T>,
}

impl<T> Clone for Download<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Download<T> {}

impl<T: Send + Sync + 'static> Download<T> {
    /// Runs `fetch` now, and again whenever a signal it reads before its first `.await`
    /// changes: the answer of a run that a newer one replaced is dropped, never seen.
    pub fn new<F>(fetch: impl Fn() -> F + 'static) -> Self
    where
        F: Future<Output = Result<Arc<T>, LoadError>> + 'static,
    {
        let erased: Box<dyn Fn() -> ErasedFuture> = Box::new(move || {
            let fut = fetch();
            Box::pin(async move {
                let value = fut.await?;
                Ok(value as Arc<dyn Any + Send + Sync>)
            })
        });
        Self::erased(erased)
    }

    /// A download whose `fetch` resolves to a `T` as [`Erased`]: the same future code then
    /// serves downloads of several types.
    pub fn erased(fetch: Box<dyn Fn() -> ErasedFuture>) -> Self {
        Self {
            resource: resource(fetch),
            ty: PhantomData,
        }
    }

    /// The value, or its error, once the download has ended (tracked: under a `Suspense`,
    /// reading a download that has not ended shows the fallback).
    pub fn get(self) -> Option<Result<Arc<T>, LoadError>> {
        self.resource.get().map(|r| r.map(typed))
    }

    /// The value once downloaded (tracked).
    pub fn ready(self) -> Option<Arc<T>> {
        self.resource
            .with(|r| r.as_ref().and_then(|r| r.as_ref().ok().cloned()))
            .map(typed)
    }

    /// The error, if the download failed (tracked).
    pub fn error(self) -> Option<LoadError> {
        self.resource
            .with(|r| r.as_ref().and_then(|r| r.as_ref().err().cloned()))
    }

    /// Waits for the download to end.
    pub async fn wait(self) -> Result<Arc<T>, LoadError> {
        self.resource.await.map(typed)
    }

    /// Downloads again after a failure (nothing while it loads or once it has succeeded);
    /// whether it did.
    pub fn retry(self) -> bool {
        let failed = self.resource.with_untracked(|r| matches!(r, Some(Err(_))));
        if failed {
            // Back to pending at once, so that no reader takes the old error for the new one.
            self.resource.set(None);
            self.resource.refetch();
        }
        failed
    }
}

fn typed<T: Send + Sync + 'static>(value: Arc<dyn Any + Send + Sync>) -> Arc<T> {
    value
        .downcast()
        .unwrap_or_else(|_| unreachable!("a download holds the type it was made with"))
}

/// The one resource type of every download.
fn resource(fetch: Box<dyn Fn() -> ErasedFuture>) -> LocalResource<Erased> {
    LocalResource::new(fetch)
}
