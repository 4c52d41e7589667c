namespace EdgeSdk.Gnss;

/// <summary>
/// Applies <see cref="ReceiverSettings"/> to a receiver: the vendor's commands are written in turn, then a
/// baud change also switches a serial port (the receiver answers at the new rate from then on).
/// </summary>
internal static class ReceiverConfiguration
{
    /// <summary>Writes each command of <paramref name="commands"/> for <paramref name="settings"/> to the (open) source.</summary>
    public static async ValueTask ApplyAsync(GnssSource source, ReceiverSettings settings, ReceiverCommandSet commands, CancellationToken cancellationToken)
    {
        foreach (byte[] command in commands.Encode(settings))
        {
            await source.WriteAsync(command, cancellationToken).ConfigureAwait(false);
        }

        if (settings.BaudRate is int baud && source is SerialGnssSource serial)
        {
            serial.ChangeBaudRate(baud);
        }
    }
}
