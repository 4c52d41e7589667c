namespace EdgeSdk.Rdss;

/// <summary>What the terminal's card says about itself (<c>$BDICI</c>), with the length limit looked up for its level.</summary>
/// <param name="UserId">The card's user ID (its address).</param>
/// <param name="ServiceInterval">The least time between two sends (服务频度).</param>
/// <param name="CommunicationLevel">The card's communication level.</param>
/// <param name="MaxMessageBits">The longest message for that level, from <see cref="RdssTerminalOptions.LengthLimits"/>.</param>
/// <param name="SubordinateCount">Subordinate users (command cards), 0 for ordinary cards.</param>
/// <param name="Encrypted">True when the card encrypts.</param>
public sealed record RdssCardInfo(int UserId, TimeSpan ServiceInterval, int CommunicationLevel, int MaxMessageBits, int SubordinateCount, bool Encrypted);
