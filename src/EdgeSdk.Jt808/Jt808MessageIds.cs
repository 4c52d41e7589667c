namespace EdgeSdk.Jt808
{
    /// <summary>Message ids of the JT/T 808 message table that this codec has body types for (and a few it frames raw).</summary>
    public static class Jt808MessageIds
    {
        /// <summary>0x0001 terminal general response.</summary>
        public const int TerminalGeneralResponse = 0x0001;

        /// <summary>0x8001 platform general response.</summary>
        public const int PlatformGeneralResponse = 0x8001;

        /// <summary>0x0002 terminal heartbeat (empty body).</summary>
        public const int Heartbeat = 0x0002;

        /// <summary>0x0003 terminal deregistration (empty body).</summary>
        public const int Deregistration = 0x0003;

        /// <summary>0x0100 terminal registration.</summary>
        public const int Registration = 0x0100;

        /// <summary>0x8100 terminal registration response.</summary>
        public const int RegistrationResponse = 0x8100;

        /// <summary>0x0102 terminal authentication.</summary>
        public const int Authentication = 0x0102;

        /// <summary>0x0200 location report.</summary>
        public const int LocationReport = 0x0200;

        /// <summary>0x0704 batch upload of location data (normal batch or blind-area re-send).</summary>
        public const int LocationBatch = 0x0704;
    
        /// <summary>0x8103 set terminal parameters.</summary>
        public const int SetParameters = 0x8103;

        /// <summary>0x8104 query all terminal parameters (empty body).</summary>
        public const int QueryParameters = 0x8104;

        /// <summary>0x8106 query specific terminal parameters (the ids listed in the body).</summary>
        public const int QuerySpecificParameters = 0x8106;

        /// <summary>0x0104 query parameters response.</summary>
        public const int ParameterResponse = 0x0104;

        /// <summary>0x8201 location query (empty body).</summary>
        public const int LocationQuery = 0x8201;

        /// <summary>0x0201 location query response.</summary>
        public const int LocationQueryResponse = 0x0201;

        /// <summary>0x8202 temporary location tracking.</summary>
        public const int TemporaryTracking = 0x8202;

        /// <summary>0x8300 text message.</summary>
        public const int TextMessage = 0x8300;
    
        /// <summary>0x8600 set circle areas.</summary>
        public const int SetCircleAreas = 0x8600;

        /// <summary>0x8601 delete circle areas.</summary>
        public const int DeleteCircleAreas = 0x8601;

        /// <summary>0x8602 set rectangle areas.</summary>
        public const int SetRectangleAreas = 0x8602;

        /// <summary>0x8603 delete rectangle areas.</summary>
        public const int DeleteRectangleAreas = 0x8603;

        /// <summary>0x8604 set polygon area.</summary>
        public const int SetPolygonArea = 0x8604;

        /// <summary>0x8605 delete polygon areas.</summary>
        public const int DeletePolygonAreas = 0x8605;

        /// <summary>0x8606 set route.</summary>
        public const int SetRoute = 0x8606;

        /// <summary>0x8607 delete routes.</summary>
        public const int DeleteRoutes = 0x8607;
    }
}
