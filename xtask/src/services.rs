//! Services the tests need, each started on a free loopback port and stopped by pid (with its process group,
//! so chromedriver's browsers go too) when dropped.

use std::{
    net::{SocketAddr, TcpListener, TcpStream},
    os::unix::process::CommandExt,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use crate::{Result, tools::Tools};

/// moto's DynamoDB server on werkzeug, one request at a time. Argument: the port.
///
/// moto backs up a table before a transaction once per operation (a deep copy each time, so a transaction of
/// eight writes copied its table eight times); the shim takes that same backup once per table and transaction,
/// before any write — the semantics are moto's, the cost a fraction.
pub const MOTO_SINGLE_THREADED: &str = "\
import copy, sys
import moto.dynamodb.models as models
from werkzeug.serving import run_simple
from moto.server import DomainDispatcherApplication, create_backend_app

class OneBackupPerTable:
    backups = None
    @staticmethod
    def deepcopy(value, memo=None):
        if OneBackupPerTable.backups is None or not isinstance(value, models.Table):
            return copy.deepcopy(value, memo)
        if id(value) not in OneBackupPerTable.backups:
            OneBackupPerTable.backups[id(value)] = copy.deepcopy(value, memo)
        return OneBackupPerTable.backups[id(value)]

models.copy = OneBackupPerTable
transact = models.DynamoDBBackend.transact_write_items
def transact_once(self, items):
    OneBackupPerTable.backups = {}
    try:
        return transact(self, items)
    finally:
        OneBackupPerTable.backups = None
models.DynamoDBBackend.transact_write_items = transact_once

run_simple('127.0.0.1', int(sys.argv[1]), DomainDispatcherApplication(create_backend_app), threaded=False, use_reloader=False)
";

pub struct Service {
    name: &'static str,
    port: u16,
    child: Child,
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port: {e}"))?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

impl Service {
    /// Starts the service and waits (up to 30 s) until its port accepts connections.
    pub fn start(name: &'static str, command: impl FnOnce(u16) -> Command) -> Result<Self> {
        let port = free_port()?;
        let mut command = command(port);
        command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0);
        let child = command
            .spawn()
            .map_err(|e| format!("could not start {name}: {e}"))?;
        let mut service = Service { name, port, child };
        let address = SocketAddr::from(([127, 0, 0, 1], port));
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
                eprintln!(
                    "xtask: {name} is ready on port {port} (pid {})",
                    service.child.id()
                );
                return Ok(service);
            }
            if let Ok(Some(status)) = service.child.try_wait() {
                return Err(format!("{name} exited before it was ready: {status}"));
            }
            if Instant::now() > deadline {
                return Err(format!("{name} did not listen on port {port} within 30 s"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// ChromeDriver, for headless Chromium.
    pub fn chromedriver(tools: &Tools) -> Result<Self> {
        Self::start("chromedriver", |port| {
            let mut command = tools.command("chromedriver");
            command.arg(format!("--port={port}"));
            command
        })
    }

    /// moto's DynamoDB server, one request at a time: its threaded server does not make transactions atomic
    /// (TOOLCHAIN.md).
    pub fn moto(tools: &Tools) -> Result<Self> {
        Self::start("moto_server", |port| {
            let mut command = tools.command(tools.python().to_str().expect("utf-8 path"));
            command.args(["-c", MOTO_SINGLE_THREADED, &port.to_string()]);
            command
        })
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let pid = self.child.id();
        // The whole process group: the service and anything it started.
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{pid}")])
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
        eprintln!("xtask: stopped {} (pid {pid})", self.name);
    }
}
