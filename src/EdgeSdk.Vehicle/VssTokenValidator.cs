using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EdgeSdk.Vehicle;

/// <summary>
/// Checks bearer tokens the way KUKSA's databroker does: a JWT signed RS256 with the key pair whose public half
/// the server holds, not expired, with a <c>scope</c> claim listing permissions (<see cref="VssPermissions"/>).
/// </summary>
/// <example>
/// <code>
/// var validator = VssTokenValidator.FromPemFile("jwt.key.pub");
/// await using var server = new VssGrpcServer(broker, endpoint, tokenValidator: validator);
/// </code>
/// </example>
public sealed class VssTokenValidator : IDisposable
{
    private readonly RSA _publicKey;

    /// <summary>Validates with <paramref name="publicKey"/> (the validator owns it).</summary>
    public VssTokenValidator(RSA publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        _publicKey = publicKey;
    }

    /// <summary>Reads a PEM public key (<c>-----BEGIN PUBLIC KEY-----</c>) from a file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file holds no RSA public key.</exception>
    public static VssTokenValidator FromPemFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"JWT public key {path} does not exist", path);
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        catch (ArgumentException ex)
        {
            rsa.Dispose();
            throw new InvalidDataException($"{path} holds no PEM RSA public key: {ex.Message}", ex);
        }

        return new VssTokenValidator(rsa);
    }

    /// <summary>
    /// Checks an <c>authorization</c> header value (<c>Bearer TOKEN</c>) at <paramref name="nowUtc"/>; on failure
    /// <paramref name="error"/> says why (missing, malformed, bad signature, expired, bad scope). Never throws.
    /// </summary>
    public bool TryValidate(string? authorization, DateTime nowUtc, out VssPermissions? permissions, out string error)
    {
        permissions = null;
        if (string.IsNullOrEmpty(authorization) || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            error = "no bearer token (send the header 'authorization: Bearer TOKEN')";
            return false;
        }

        string[] parts = authorization[7..].Trim().Split('.');
        if (parts.Length != 3 || !TryBase64Url(parts[0], out byte[] header) || !TryBase64Url(parts[1], out byte[] payload) || !TryBase64Url(parts[2], out byte[] signature))
        {
            error = "the token is not a JWT (three base64url parts)";
            return false;
        }

        try
        {
            using JsonDocument head = JsonDocument.Parse(header);
            if (!head.RootElement.TryGetProperty("alg", out JsonElement alg) || alg.GetString() != "RS256")
            {
                error = "the token is not signed with RS256";
                return false;
            }

            byte[] signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            if (!_publicKey.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                error = "the token's signature does not match the server's key";
                return false;
            }

            using JsonDocument claims = JsonDocument.Parse(payload);
            JsonElement root = claims.RootElement;
            long now = new DateTimeOffset(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc)).ToUnixTimeSeconds();
            if (root.TryGetProperty("exp", out JsonElement exp) && exp.TryGetInt64(out long expires) && now >= expires)
            {
                error = "the token has expired";
                return false;
            }

            if (root.TryGetProperty("nbf", out JsonElement nbf) && nbf.TryGetInt64(out long notBefore) && now < notBefore)
            {
                error = "the token is not valid yet";
                return false;
            }

            string scope = root.TryGetProperty("scope", out JsonElement s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
            return VssPermissions.TryParse(scope, out permissions, out error);
        }
        catch (JsonException)
        {
            error = "the token's header or claims are not JSON";
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _publicKey.Dispose();

    private static bool TryBase64Url(string text, out byte[] bytes)
    {
        string padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        bytes = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, bytes, out int written) && (bytes = bytes[..written]).Length >= 0;
    }
}
