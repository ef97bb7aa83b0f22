using System.Net;
using System.Net.Sockets;

namespace TmuxAgent.Tests;

/// <summary>Free TCP ports on 127.0.0.1 for servers the tests start (the OS picks one, the listener is closed again).</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
