//! ThriftTest's server, as Apache's cross-language suite defines its behaviour. Prints
//! `READY <port>` once it listens (`--port 0` picks a free port). `--multiplexed` serves
//! ThriftTest as `ThriftTest` and SecondService as `SecondService`.

use std::collections::HashMap;
use std::time::Duration;
use thrift_cross::Flags;
use thrift_cross::tt::*;
use thrift_runtime::server::{Multiplexed, ServerBuilder};
use thrift_runtime::{Bytes, Error, Uuid};
use tokio::net::TcpListener;

struct Handler;

impl ThriftTest for Handler {
    async fn test_void(&self) -> Result<(), Error> {
        Ok(())
    }
    async fn test_string(&self, thing: String) -> Result<String, Error> {
        Ok(thing)
    }
    async fn test_bool(&self, thing: bool) -> Result<bool, Error> {
        Ok(thing)
    }
    async fn test_byte(&self, thing: i8) -> Result<i8, Error> {
        Ok(thing)
    }
    async fn test_i32(&self, thing: i32) -> Result<i32, Error> {
        Ok(thing)
    }
    async fn test_i64(&self, thing: i64) -> Result<i64, Error> {
        Ok(thing)
    }
    async fn test_double(&self, thing: f64) -> Result<f64, Error> {
        Ok(thing)
    }
    async fn test_binary(&self, thing: Bytes) -> Result<Bytes, Error> {
        Ok(thing)
    }
    async fn test_uuid(&self, thing: Uuid) -> Result<Uuid, Error> {
        Ok(thing)
    }
    async fn test_struct(&self, thing: Xtruct) -> Result<Xtruct, Error> {
        Ok(thing)
    }
    async fn test_nest(&self, thing: Xtruct2) -> Result<Xtruct2, Error> {
        Ok(thing)
    }
    async fn test_map(&self, thing: HashMap<i32, i32>) -> Result<HashMap<i32, i32>, Error> {
        Ok(thing)
    }
    async fn test_string_map(
        &self,
        thing: HashMap<String, String>,
    ) -> Result<HashMap<String, String>, Error> {
        Ok(thing)
    }
    async fn test_set(
        &self,
        thing: std::collections::HashSet<i32>,
    ) -> Result<std::collections::HashSet<i32>, Error> {
        Ok(thing)
    }
    async fn test_list(&self, thing: Vec<i32>) -> Result<Vec<i32>, Error> {
        Ok(thing)
    }
    async fn test_enum(&self, thing: Numberz) -> Result<Numberz, Error> {
        Ok(thing)
    }
    async fn test_typedef(&self, thing: UserId) -> Result<UserId, Error> {
        Ok(thing)
    }
    async fn test_map_map(&self, _hello: i32) -> Result<HashMap<i32, HashMap<i32, i32>>, Error> {
        Ok(HashMap::from([
            (-4, (-4..=-1).map(|i| (i, i)).collect()),
            (4, (1..=4).map(|i| (i, i)).collect()),
        ]))
    }
    async fn test_insanity(
        &self,
        argument: Insanity,
    ) -> Result<HashMap<UserId, HashMap<Numberz, Insanity>>, Error> {
        Ok(HashMap::from([
            (
                1,
                HashMap::from([(Numberz::TWO, argument.clone()), (Numberz::THREE, argument)]),
            ),
            (2, HashMap::from([(Numberz::SIX, Insanity::default())])),
        ]))
    }
    async fn test_multi(
        &self,
        arg0: i8,
        arg1: i32,
        arg2: i64,
        _arg3: HashMap<i16, String>,
        _arg4: Numberz,
        _arg5: UserId,
    ) -> Result<Xtruct, Error> {
        Ok(Xtruct {
            string_thing: "Hello2".into(),
            byte_thing: arg0,
            i32_thing: arg1,
            i64_thing: arg2,
        })
    }
    async fn test_exception(&self, arg: String) -> Result<(), ThriftTestTestExceptionError> {
        match arg.as_str() {
            "Xception" => Err(Xception {
                error_code: 1001,
                message: arg,
            }
            .into()),
            "TException" => Err(Error::internal("This is a TException").into()),
            _ => Ok(()),
        }
    }
    async fn test_multi_exception(
        &self,
        arg0: String,
        arg1: String,
    ) -> Result<Xtruct, ThriftTestTestMultiExceptionError> {
        match arg0.as_str() {
            "Xception" => Err(Xception {
                error_code: 1001,
                message: "This is an Xception".into(),
            }
            .into()),
            "Xception2" => Err(Xception2 {
                error_code: 2002,
                struct_thing: Xtruct {
                    string_thing: "This is an Xception2".into(),
                    ..Xtruct::default()
                },
            }
            .into()),
            _ => Ok(Xtruct {
                string_thing: arg1,
                ..Xtruct::default()
            }),
        }
    }
    async fn test_oneway(&self, seconds_to_sleep: i32) -> Result<(), Error> {
        tokio::time::sleep(Duration::from_secs(seconds_to_sleep.clamp(0, 5) as u64)).await;
        Ok(())
    }
}

struct Second;

impl SecondService for Second {
    async fn secondtest_string(&self, thing: String) -> Result<String, Error> {
        Ok(format!("testString(\"{thing}\")"))
    }
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let f = Flags::parse("test_server");
    let listener = TcpListener::bind((f.host.as_str(), f.port)).await?;
    println!("READY {}", listener.local_addr()?.port());
    let builder = ServerBuilder::new()
        .protocol(f.protocol)
        .transport(f.transport);
    let stop = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if f.multiplexed {
        let router = Multiplexed::new()
            .with("ThriftTest", ThriftTestServer::new(Handler))
            .with("SecondService", SecondServiceServer::new(Second));
        builder.serve_with_shutdown(listener, router, stop).await
    } else {
        builder
            .serve_with_shutdown(listener, ThriftTestServer::new(Handler), stop)
            .await
    }
}
