namespace EdgeSdk.Can;

/// <summary>An attribute definition (<c>BA_DEF_</c>) with its default (<c>BA_DEF_DEF_</c>), kept as written.</summary>
public sealed class DbcAttributeDefinition
{
    /// <summary>Creates a definition.</summary>
    /// <param name="objectType">"" for the network, or <c>BU_</c>, <c>BO_</c>, <c>SG_</c>, <c>EV_</c>.</param>
    /// <param name="name">Attribute name.</param>
    /// <param name="valueType">Type and limits as written, e.g. <c>INT 0 65535</c> or <c>ENUM "No","Yes"</c>.</param>
    public DbcAttributeDefinition(string objectType, string name, string valueType)
    {
        ObjectType = objectType;
        Name = name;
        ValueType = valueType;
    }

    /// <summary>"" for the network, or <c>BU_</c>, <c>BO_</c>, <c>SG_</c>, <c>EV_</c>.</summary>
    public string ObjectType { get; }

    /// <summary>Attribute name.</summary>
    public string Name { get; }

    /// <summary>Type and limits as written.</summary>
    public string ValueType { get; }

    /// <summary>Default value from <c>BA_DEF_DEF_</c> (strings without quotes), or "" when none.</summary>
    public string DefaultValue { get; internal set; } = "";
}
