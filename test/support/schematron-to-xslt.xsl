<?xml version="1.0" encoding="UTF-8"?>
<!--
  Belegfluss: a small ISO Schematron (queryBinding xslt2) to XSLT 2.0 compiler, written for our tests.
  It supports what the EN 16931 CII and XRechnung CII rule files use:
    sch:ns, sch:let (schema, pattern and rule level), sch:pattern, sch:rule (first matching rule per
    pattern wins, in document order), sch:assert, sch:report, sch:name, sch:value-of,
    sch:include (of a pattern file) and top-level xsl:function.
  Phases are ignored: every pattern runs. The output of the compiled stylesheet is SVRL
  (failed-assert / successful-report with id, flag, location and text).
  Run it with Saxon-HE: java -cp Saxon-HE.jar net.sf.saxon.Transform -xsl:this -s:rules.sch -o:rules.xsl
-->
<xsl:stylesheet version="2.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:sch="http://purl.oclc.org/dsdl/schematron"
  xmlns:axsl="urn:belegfluss:generated-xsl"
  xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:bfsch="urn:belegfluss:schematron"
  exclude-result-prefixes="sch">

  <xsl:namespace-alias stylesheet-prefix="axsl" result-prefix="xsl"/>
  <xsl:output method="xml" indent="yes" encoding="UTF-8"/>

  <!-- All patterns, with included pattern files resolved relative to the including file. -->
  <xsl:variable name="patterns" as="element(sch:pattern)*">
    <xsl:for-each select="/sch:schema/(sch:pattern | sch:include)">
      <xsl:choose>
        <xsl:when test="self::sch:include">
          <xsl:sequence select="doc(resolve-uri(@href, base-uri(.)))/(self::sch:pattern | sch:pattern | sch:schema/sch:pattern)"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="."/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:variable>

  <xsl:template match="/sch:schema">
    <axsl:stylesheet version="2.0">
      <xsl:for-each select="sch:ns">
        <xsl:namespace name="{@prefix}" select="string(@uri)"/>
      </xsl:for-each>
      <xsl:for-each select="namespace::*[name() != '' and name() != 'xml']">
        <xsl:copy-of select="."/>
      </xsl:for-each>
      <axsl:output method="xml" indent="no" encoding="UTF-8"/>

      <!-- Global variables: schema-level and pattern-level lets, in document order. -->
      <xsl:for-each select="sch:let | $patterns/sch:let">
        <axsl:variable name="{@name}" select="{@value}"/>
      </xsl:for-each>

      <!-- Foreign XSLT functions declared in the schema. -->
      <xsl:copy-of select="xsl:function"/>

      <axsl:function name="bfsch:path" as="xs:string">
        <axsl:param name="n" as="node()"/>
        <axsl:variable name="steps" as="xs:string*"
          select="for $a in $n/ancestor-or-self::* return concat('/', name($a), '[', count($a/preceding-sibling::*[node-name(.) = node-name($a)]) + 1, ']')"/>
        <axsl:sequence select="concat(string-join($steps, ''), if ($n instance of attribute()) then concat('/@', name($n)) else '')"/>
      </axsl:function>

      <axsl:template match="/">
        <svrl:schematron-output>
          <xsl:attribute name="title" select="bfsch:avt(normalize-space(sch:title))"/>
          <xsl:for-each select="$patterns">
            <xsl:if test="sch:rule">
              <svrl:active-pattern id="{@id}"/>
              <axsl:apply-templates select="/" mode="{bfsch:mode(.)}"/>
            </xsl:if>
          </xsl:for-each>
        </svrl:schematron-output>
      </axsl:template>

      <xsl:for-each select="$patterns[sch:rule]">
        <xsl:variable name="mode" select="bfsch:mode(.)"/>
        <xsl:variable name="count" select="count(sch:rule)"/>
        <xsl:for-each select="sch:rule">
          <axsl:template match="{@context}" mode="{$mode}" priority="{1000 + $count - position()}">
            <xsl:for-each select="sch:let">
              <axsl:variable name="{@name}" select="{@value}"/>
            </xsl:for-each>
            <xsl:apply-templates select="sch:assert | sch:report"/>
            <axsl:apply-templates select="@* | *" mode="{$mode}"/>
          </axsl:template>
        </xsl:for-each>
        <axsl:template match="/ | @* | *" mode="{$mode}" priority="-2">
          <axsl:apply-templates select="@* | *" mode="{$mode}"/>
        </axsl:template>
        <axsl:template match="text() | comment() | processing-instruction()" mode="{$mode}" priority="-1"/>
      </xsl:for-each>
    </axsl:stylesheet>
  </xsl:template>

  <xsl:template match="sch:assert">
    <axsl:choose>
      <axsl:when test="{@test}"/>
      <axsl:otherwise>
        <svrl:failed-assert>
          <xsl:attribute name="test" select="bfsch:avt(@test)"/>
          <xsl:call-template name="assert-attributes"/>
          <svrl:text><xsl:apply-templates select="node()" mode="message"/></svrl:text>
        </svrl:failed-assert>
      </axsl:otherwise>
    </axsl:choose>
  </xsl:template>

  <xsl:template match="sch:report">
    <axsl:if test="{@test}">
      <svrl:successful-report>
        <xsl:attribute name="test" select="bfsch:avt(@test)"/>
        <xsl:call-template name="assert-attributes"/>
        <svrl:text><xsl:apply-templates select="node()" mode="message"/></svrl:text>
      </svrl:successful-report>
    </axsl:if>
  </xsl:template>

  <xsl:template name="assert-attributes">
    <xsl:if test="@id"><xsl:attribute name="id" select="bfsch:avt(@id)"/></xsl:if>
    <xsl:attribute name="flag" select="bfsch:avt((@flag, ../@flag, 'error')[1])"/>
    <axsl:attribute name="location" select="bfsch:path(.)"/>
  </xsl:template>

  <xsl:template match="text()" mode="message">
    <xsl:value-of select="."/>
  </xsl:template>
  <xsl:template match="sch:name" mode="message">
    <axsl:value-of select="name({(@path, '.')[1]})"/>
  </xsl:template>
  <xsl:template match="sch:value-of" mode="message">
    <axsl:value-of select="{@select}"/>
  </xsl:template>
  <xsl:template match="*" mode="message">
    <xsl:apply-templates select="node()" mode="message"/>
  </xsl:template>

  <!-- Attributes of literal result elements in the generated stylesheet are attribute value templates. -->
  <xsl:function name="bfsch:avt" as="xs:string">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:sequence select="replace(replace(string($value), '\{', '{{'), '\}', '}}')"/>
  </xsl:function>

  <xsl:function name="bfsch:mode" as="xs:string">
    <xsl:param name="pattern" as="element(sch:pattern)"/>
    <xsl:sequence select="concat('M', count($pattern/preceding::sch:pattern) + 1, '-', generate-id($pattern))"/>
  </xsl:function>
</xsl:stylesheet>
